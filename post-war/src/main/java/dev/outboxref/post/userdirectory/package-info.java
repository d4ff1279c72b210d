/**
 * The gRPC client of the user service's directory: one long-lived channel, deadlines, retries and a
 * circuit breaker. Knows no other package of the service.
 */
package dev.outboxref.post.userdirectory;
