/**
 * The post service: posts, and its replica of the user data fed from topic {@code user-events}. Its
 * packages depend in one direction only: {@code api} on {@code application}, which owns the
 * interfaces that {@code replica} and {@code userdirectory} implement; {@code replica.consumer} and
 * {@code replica.parking} feed {@code replica}; {@code admin} on {@code replica}, {@code
 * verification} and {@code userdirectory}. The table in docs/architecture.md says who may use what,
 * and {@code PostServiceArchitectureTest} checks the classes against it.
 */
package dev.outboxref.post;
