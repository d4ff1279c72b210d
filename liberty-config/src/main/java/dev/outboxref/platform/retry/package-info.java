/**
 * How long to wait before retrying a transient failure ({@link
 * dev.outboxref.platform.retry.Backoff}), for the outbox relay and the replica consumer alike.
 * Plain Java: depends on nothing.
 */
package dev.outboxref.platform.retry;
