/**
 * The post and its rules. Plain Java and JPA mapping only: no other package of the service, no
 * HTTP, no CDI.
 */
package dev.outboxref.post.domain;
