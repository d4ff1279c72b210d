package dev.outboxref.user.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The W3C trace context of the request that caused an event, stored with the event so the relay can
 * continue the trace when it publishes (possibly much later, possibly in another instance).
 */
public record TraceContext(String traceparent, String tracestate) {

  public static final TraceContext NONE = new TraceContext(null, null);

  /**
   * The context of the current span, or {@link #NONE} when there is no sampled span (telemetry
   * off).
   */
  public static TraceContext current() {
    SpanContext span = Span.current().getSpanContext();
    if (!span.isValid()) {
      return NONE;
    }
    String traceparent =
        "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    String tracestate =
        span.getTraceState().isEmpty()
            ? null
            : span.getTraceState().asMap().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + "," + b)
                .orElse(null);
    return new TraceContext(traceparent, tracestate);
  }
}
