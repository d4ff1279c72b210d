/**
 * Text hygiene both services share: what a name, a title or a post's content may contain, how long
 * it may be, and the one spelling of an id ({@link dev.outboxref.platform.text.CanonicalUuid}).
 * Depends on Bean Validation only.
 */
package dev.outboxref.platform.text;
