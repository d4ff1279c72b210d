package dev.outboxref.user.outbox;

import dev.outboxref.proto.events.v1.UserEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The span {@code create user-events} of an event written to the outbox, following the
 * OpenTelemetry messaging conventions: a child of the request's span, whose context is stored with
 * the event so that the relay's {@code send user-events} span (in {@code relay.SendTracing})
 * continues the trace, however much later and in whichever instance.
 */
@ApplicationScoped
public class AppendTracing {

  /** The instrumentation scope of the outbox's spans, the writer's and the relay's. */
  public static final String SCOPE = "dev.outboxref.user.outbox";

  /** The messaging system of the outbox's spans. */
  public static final String SYSTEM = "kafka";

  @Inject OpenTelemetry openTelemetry;

  /** Records the outbox write of the event; returns the context to store with it. */
  TraceContext created(UserEvent event, String destination) {
    Span span =
        openTelemetry
            .getTracer(SCOPE)
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
}
