/**
 * Optimistic locking by version ({@link dev.outboxref.platform.versioning.StaleVersion}), for the
 * services' use cases; the REST edge ({@code rest}) maps it to 412. Plain Java: depends on nothing.
 */
package dev.outboxref.platform.versioning;
