/**
 * The post service's use cases: posts, each change one transaction, and who may write them ({@code
 * Authors}: the replica first, the user directory for a user it does not know yet). Refusals are
 * this package's exceptions ({@code PostNotFound}, {@code NotTheAuthor}, {@code AuthorUnknown},
 * ...), which the REST edge answers as problems. May use {@code domain}, {@code replica}, {@code
 * userdirectory} and the platform's {@code paging} and {@code versioning}; no HTTP (JAX-RS, the
 * platform's {@code rest}), never {@code api} or {@code admin}.
 */
package dev.outboxref.post.application;
