/**
 * The user and its rules (registration, profile changes, deletion as a tombstone, password
 * hashing); each published change is returned as a {@code UserChange}. Plain Java and JPA mapping
 * only: no other package of the service, no HTTP, no CDI.
 */
package dev.outboxref.user.domain;
