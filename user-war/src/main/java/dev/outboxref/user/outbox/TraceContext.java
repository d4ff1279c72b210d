package dev.outboxref.user.outbox;

import io.opentelemetry.api.trace.SpanContext;

/**
 * A W3C trace context as stored with an event ({@code traceparent}, {@code tracestate}), so the
 * relay can continue the trace when it publishes (possibly much later, possibly in another
 * instance).
 */
public record TraceContext(String traceparent, String tracestate) {

  private static final TraceContext NONE = new TraceContext(null, null);

  /** The context of a span, or {@link #NONE} when there is none (telemetry off). */
  public static TraceContext of(SpanContext span) {
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
