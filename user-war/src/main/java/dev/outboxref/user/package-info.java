/**
 * The user service: users, their outbox, topic {@code user-events} and the gRPC user directory. Its
 * packages depend in one direction only: {@code api} on {@code application}, which uses {@code
 * outbox}; all of them and {@code directory} on {@code domain}, which uses none of them. {@code
 * UserServiceArchitectureTest} checks it.
 */
package dev.outboxref.user;
