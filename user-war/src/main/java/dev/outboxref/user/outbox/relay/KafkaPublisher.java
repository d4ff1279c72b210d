package dev.outboxref.user.outbox.relay;

import dev.outboxref.user.outbox.TraceContext;
import dev.outboxref.user.outbox.UserEvents;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends outbox events to topic user-events through the liberty-kafka connector (producer settings
 * in microprofile-config.properties: idempotence on, acks=all). The returned future completes when
 * the broker acknowledged the record and fails when the producer gave up on it.
 */
@ApplicationScoped
public class KafkaPublisher implements RelayPipeline.Sender<PendingEvent> {

  static final String CHANNEL = UserEvents.DESTINATION;

  @Inject
  @Channel(CHANNEL)
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
  Emitter<ProducerRecord<String, byte[]>> emitter;

  @Inject SendTracing tracing;

  @Override
  public CompletableFuture<Void> send(PendingEvent event) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    Span span = tracing.startSend(event, CHANNEL);
    TraceContext trace = TraceContext.of(span.getSpanContext());
    RecordHeaders headers = new RecordHeaders();
    header(headers, "event-id", event.eventId().toString());
    header(headers, "event-type", event.eventType());
    header(headers, "aggregate-version", Long.toString(event.aggregateVersion()));
    // the source commit time, from which the consumer measures the replica's freshness
    header(headers, "source-committed-at", event.committedAt().toString());
    header(
        headers,
        "content-type",
        "application/x-protobuf; messageType=outboxref.events.v1.UserEvent");
    // the consumer's span becomes a child of this publish span
    header(headers, "traceparent", trace.traceparent());
    header(headers, "tracestate", trace.tracestate());
    // the topic comes from the channel's configuration; the key keeps each user's events in one
    // partition
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            CHANNEL, null, event.aggregateId().toString(), event.payload(), headers);
    Message<ProducerRecord<String, byte[]>> message =
        Message.of(
            record,
            () -> {
              span.end();
              acked.complete(null);
              return CompletableFuture.completedFuture(null);
            },
            failure -> {
              failed(span, failure);
              acked.completeExceptionally(failure);
              return CompletableFuture.completedFuture(null);
            });
    try {
      emitter.send(message);
    } catch (RuntimeException e) {
      failed(span, e);
      acked.completeExceptionally(e);
    }
    return acked;
  }

  private static void failed(Span span, Throwable failure) {
    span.recordException(failure);
    span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    span.end();
  }

  private static void header(RecordHeaders headers, String name, String value) {
    if (value != null) {
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
