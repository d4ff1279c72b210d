/**
 * Benchmarks, each figure next to a baseline measured in the same run, each starting its own stack
 * with {@code local-stack} and writing a Markdown report to bench/target. They talk to the services
 * only as their clients do (HTTP, gRPC, Kafka records of the {@code shared-proto} contract, JDBC)
 * and use no service class. Not part of the test run: {@code ./mvnw -q install -DskipTests}, then
 * {@code java -cp "bench/target/bench.jar:bench/target/lib/*"} with one of these classes:
 *
 * <ul>
 *   <li>{@link dev.outboxref.bench.WritePathBench}: the user service's writes against plain JDBC,
 *       the relay's drain against a raw producer, commit to acknowledgement under PATCH load;
 *   <li>{@link dev.outboxref.bench.GrpcBench}: GetUser between the services, and a replica
 *       bootstrap;
 *   <li>{@link dev.outboxref.bench.ReplicaLagBench}: user commit to replica update at offered
 *       rates, and the consumer's apply rate against a raw consumer;
 *   <li>{@link dev.outboxref.bench.RelayVsDebeziumBench}: the relay against Debezium's outbox event
 *       router on the same outbox, commit to acknowledgement at three offered rates and the drain
 *       of a backlog, with a raw producer as the baseline.
 * </ul>
 */
package dev.outboxref.bench;
