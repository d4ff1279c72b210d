/**
 * The local stack: the real infrastructure of the system on one machine, started in dependency
 * order with a readiness check for each part, and stopped in reverse order.
 *
 * <p>{@link dev.outboxref.stack.LocalStack} is the command line ({@code ./stack}); {@link
 * dev.outboxref.stack.Stack} the same thing as a library for the system tests. Each part is one
 * class: {@link dev.outboxref.stack.Database}, {@link dev.outboxref.stack.KafkaBroker}, {@link
 * dev.outboxref.stack.LibertyServer}, {@link dev.outboxref.stack.ZipkinServer}. It runs the
 * services' built Liberty servers ({@code <module>/target/liberty}) as processes and uses no class
 * of them; who each service is (module, server, database, ports) comes from {@code
 * service-descriptor}. {@link dev.outboxref.stack.Poll} is the one way the stack, the system tests
 * and the local stack's own test wait for a condition.
 */
package dev.outboxref.stack;
