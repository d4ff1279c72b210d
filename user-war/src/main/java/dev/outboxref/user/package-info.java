/**
 * The user service: users, their outbox, topic {@code user-events} and the gRPC user directory. Its
 * packages depend in one direction only: {@code api} on {@code application}, which owns the
 * interfaces that {@code outbox} and {@code token} implement; {@code outbox.relay} on {@code
 * outbox}; all but the relay and {@code token} on {@code domain}, which uses none of them. The
 * table in docs/architecture.md says who may use what, and {@code UserServiceArchitectureTest}
 * checks the classes against it.
 */
package dev.outboxref.user;
