/**
 * Benchmarks, each against a baseline measured in the same run, and their Markdown reports. Each
 * starts its stack with {@code local-stack} and talks to the services only as their clients do
 * (HTTP, gRPC, Kafka records of the {@code shared-proto} contract, JDBC); it uses no service class.
 */
package dev.outboxref.bench;
