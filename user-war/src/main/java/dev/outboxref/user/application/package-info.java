/**
 * The user service's use cases, each one JTA transaction: a user changes and its event goes to the
 * outbox, both or neither. May use {@code domain} and {@code outbox}; never {@code api} or {@code
 * directory}.
 */
package dev.outboxref.user.application;
