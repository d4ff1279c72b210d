package dev.outboxref.user.outbox;

import dev.outboxref.proto.events.v1.UserEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The spans of an event's way out, following the OpenTelemetry messaging conventions: {@code create
 * user-events} when the event is written to the outbox (a child of the request's span; its context
 * is stored with the event), and {@code send user-events} when the relay publishes it (a child of
 * the stored context, however much later and in whichever instance; its context travels in the
 * record's {@code traceparent} header to the consumer).
 */
@ApplicationScoped
public class OutboxTracing {

  static final String SYSTEM = "kafka";

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

  private Tracer tracer() {
    return openTelemetry.getTracer("dev.outboxref.user.outbox");
  }

  /** Records the outbox write of the event; returns the context to store with it. */
  TraceContext created(UserEvent event, String destination) {
    Span span =
        tracer()
            .spanBuilder("create " + destination)
            .setSpanKind(SpanKind.PRODUCER)
            .setAttribute("messaging.system", SYSTEM)
            .setAttribute("messaging.operation.type", "create")
            .setAttribute("messaging.operation.name", "create")
            .setAttribute("messaging.destination.name", destination)
            .setAttribute("messaging.message.id", event.getEventId())
            .setAttribute("messaging.kafka.message.key", event.getUserId())
            .setAttribute("outboxref.user.version", event.getVersion())
            .startSpan();
    span.end();
    return TraceContext.of(span.getSpanContext());
  }

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
    return tracer()
        .spanBuilder("send " + destination)
        .setParent(parent)
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute("messaging.system", SYSTEM)
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
