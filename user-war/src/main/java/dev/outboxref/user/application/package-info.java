/**
 * The user service's use cases, each one JTA transaction: a user changes and its event goes to the
 * outbox, both or neither. Refusals are one exception, {@code UserRefusal}, whose kind the REST
 * edge answers as a problem; only the user themself may change or delete a user. The outbox ({@code
 * EventOutbox}) and the token signer ({@code TokenIssuer}) are interfaces of this package that
 * {@code outbox} and {@code token} implement. May use {@code domain} and the platform's {@code
 * paging}, {@code versioning} and {@code revocation}; no HTTP (JAX-RS, the platform's {@code
 * rest}), never {@code api}, {@code directory}, {@code outbox} or {@code token}.
 */
package dev.outboxref.user.application;
