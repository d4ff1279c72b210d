/**
 * The user service's use cases, each one JTA transaction: a user changes and its event goes to the
 * outbox, both or neither. Refusals are this package's exceptions ({@code UserNotFound}, {@code
 * EmailTaken}, {@code SignInRefused}, ...), which the REST edge answers as problems. May use {@code
 * domain}, {@code outbox}, {@code token} and the platform's {@code paging} and {@code versioning};
 * no HTTP (JAX-RS, the platform's {@code rest}), never {@code api} or {@code directory}.
 */
package dev.outboxref.user.application;
