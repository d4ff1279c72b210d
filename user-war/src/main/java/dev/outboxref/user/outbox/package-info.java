/**
 * What the application writes to the transactional outbox: {@code Outbox} appends a user's change
 * ({@code UserEvents} builds its event of the contract) in the caller's transaction, with the trace
 * context ({@code TraceContext}, {@code AppendTracing}) the relay continues, and tells the relay
 * ({@code AppendListener}) once the transaction has committed. {@code Outbox} is the application's
 * {@code EventOutbox}. May use {@code domain} and that interface of {@code application}; the relay
 * that publishes the outbox lives in {@code outbox.relay}, which uses this package, never the other
 * way round. No HTTP; nothing but {@code outbox.relay} uses it by name (the application knows only
 * its interface).
 */
package dev.outboxref.user.outbox;
