package dev.outboxref.user.outbox.relay;

import dev.outboxref.user.outbox.AppendTracing;
import dev.outboxref.user.outbox.TraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The span {@code send user-events} of an event the relay publishes, following the OpenTelemetry
 * messaging conventions: a child of the context stored with the event when it was written ({@link
 * AppendTracing}'s {@code create user-events}), however much later and in whichever instance; its
 * context travels in the record's {@code traceparent} header to the consumer.
 */
@ApplicationScoped
public class SendTracing {

  private static final TextMapGetter<TraceContext> STORED =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
          return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(TraceContext carrier, String key) {
          return carrier == null
              ? null
              : switch (key) {
                case "traceparent" -> carrier.traceparent();
                case "tracestate" -> carrier.tracestate();
                default -> null;
              };
        }
      };

  @Inject OpenTelemetry openTelemetry;

  /**
   * Starts the publish span of an event as a child of its stored context; the caller ends it when
   * the broker acknowledged (or refused) the record. {@code outboxref.outbox.delay_ms} is the time
   * from the change (just before its commit) to this publish.
   */
  Span startSend(PendingEvent event, String destination) {
    Context parent =
        openTelemetry
            .getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), event.trace(), STORED);
    return openTelemetry
        .getTracer(AppendTracing.SCOPE)
        .spanBuilder("send " + destination)
        .setParent(parent)
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute("messaging.system", AppendTracing.SYSTEM)
        .setAttribute("messaging.operation.type", "send")
        .setAttribute("messaging.operation.name", "send")
        .setAttribute("messaging.destination.name", destination)
        .setAttribute("messaging.message.id", event.eventId().toString())
        .setAttribute("messaging.kafka.message.key", event.aggregateId().toString())
        .setAttribute("outboxref.user.version", event.aggregateVersion())
        .setAttribute(
            "outboxref.outbox.delay_ms",
            Duration.between(event.occurredAt(), Instant.now()).toMillis())
        .startSpan();
  }
}
