/**
 * The gRPC client of the user service's directory: one long-lived channel, deadlines, retries and a
 * circuit breaker, and {@code DirectoryAuthors}, the application's {@code AuthorDirectory} over it.
 * Knows no other package of the service but {@code application} (the port and its refusal).
 */
package dev.outboxref.post.userdirectory;
