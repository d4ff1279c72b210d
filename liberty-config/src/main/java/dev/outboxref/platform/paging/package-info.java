/**
 * Pages of a list ({@link dev.outboxref.platform.paging.Page}) and which page to answer ({@link
 * dev.outboxref.platform.paging.PageRequest}), for the services' application and REST layers alike.
 * Plain Java: depends on nothing.
 */
package dev.outboxref.platform.paging;
