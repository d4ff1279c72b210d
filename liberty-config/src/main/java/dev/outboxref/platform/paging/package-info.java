/**
 * Keyset paging of lists: a page of items and the cursor of the next ({@link
 * dev.outboxref.platform.paging.CursorPage}), which page to answer ({@link
 * dev.outboxref.platform.paging.CursorRequest}) and the opaque position a cursor stands for ({@link
 * dev.outboxref.platform.paging.Cursor}: creation time and id, the lists' order). Offset pages
 * ({@link dev.outboxref.platform.paging.Page}) remain for the admin list of parked events only.
 * Plain Java: depends on nothing.
 */
package dev.outboxref.platform.paging;
