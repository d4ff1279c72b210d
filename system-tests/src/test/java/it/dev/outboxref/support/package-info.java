/**
 * What the system tests share and is not a test: the running stack (StackExtension), HTTP and API
 * clients, tokens, Kafka readers and writers, health, problem and database snapshots. May use
 * local-stack and the clients' libraries; never a test class (no {@code *IT} is referenced here).
 */
package it.dev.outboxref.support;
