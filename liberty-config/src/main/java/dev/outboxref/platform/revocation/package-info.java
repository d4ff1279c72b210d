/**
 * Which tokens a service knows to be void before they expire ({@link
 * dev.outboxref.platform.revocation.TokenRevocations}): an interface each service's application
 * implements from its own data and the platform's {@code auth} filter asks. Plain Java, no HTTP, so
 * a service's application layer implements it without seeing JAX-RS.
 */
package dev.outboxref.platform.revocation;
