/**
 * Text hygiene both services share: what a name, a title or a post's content may contain, and how
 * long it may be. Depends on Bean Validation only.
 */
package dev.outboxref.platform.text;
