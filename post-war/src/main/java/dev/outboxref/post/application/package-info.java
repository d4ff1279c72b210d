/**
 * The post service's use cases: posts, each change one transaction, and who may write them ({@code
 * Authors}: the replica first, the user directory for a user it does not know yet). What the
 * service knows of a user is an {@code Author}; the replica and the user directory are reached
 * through ports this package owns ({@code AuthorReplica}, {@code AuthorDirectory}), implemented by
 * {@code replica} and {@code userdirectory}. Refusals are one exception, {@code PostRefusal}, whose
 * kind the REST edge answers as a problem. May use {@code domain}, JPA and transactions for posts,
 * and the platform's {@code paging}, {@code versioning} and {@code revocation}; never {@code
 * replica}, {@code userdirectory} or Fault Tolerance, no HTTP (JAX-RS, the platform's {@code
 * rest}), never {@code api} or {@code admin}.
 */
package dev.outboxref.post.application;
