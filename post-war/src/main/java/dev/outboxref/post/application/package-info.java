/**
 * The post service's use cases: posts, each change one transaction, and who may write them ({@code
 * Authors}: the replica first, the user directory for a user it does not know yet). May use {@code
 * domain}, {@code replica} and {@code userdirectory}; never {@code api} or {@code admin}.
 */
package dev.outboxref.post.application;
