/**
 * The post service's use cases: posts, each change one transaction, and who may write them ({@code
 * Authors}: the replica first, the user directory for a user it does not know yet). Refusals are
 * one exception, {@code PostRefusal}, whose kind the REST edge answers as a problem. May use {@code
 * domain}, {@code replica}, {@code userdirectory} and the platform's {@code paging} and {@code
 * versioning}; no HTTP (JAX-RS, the platform's {@code rest}), never {@code api} or {@code admin}.
 */
package dev.outboxref.post.application;
