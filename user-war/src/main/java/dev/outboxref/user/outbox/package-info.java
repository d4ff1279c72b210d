/**
 * What the application writes to the transactional outbox: {@code Outbox} appends a user's change
 * ({@code UserEvents} builds its event of the contract) in the caller's transaction, with the trace
 * context ({@code TraceContext}, {@code AppendTracing}) the relay continues, and tells the relay
 * ({@code AppendListener}) once the transaction has committed. May use {@code domain}; the relay
 * that publishes the outbox lives in {@code outbox.relay}, which uses this package, never the other
 * way round. No HTTP; nothing but {@code application} and {@code outbox.relay} uses it.
 */
package dev.outboxref.user.outbox;
