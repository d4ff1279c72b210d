package dev.outboxref.platform.logging;

import com.ibm.websphere.logging.hpel.LogRecordContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;

/**
 * Puts the current trace and span id into every log line written inside a span: with {@code
 * LOG_FORMAT=JSON} they are the fields {@code ext_traceId} and {@code ext_spanId}, so a log line
 * leads to its trace. Liberty does not add them itself; its {@link LogRecordContext} asks these
 * extensions for their values on each log record.
 */
@ApplicationScoped
public class TraceLogFields {

  static final String TRACE_ID = "traceId";
  static final String SPAN_ID = "spanId";

  void register(@Observes Startup startup) {
    LogRecordContext.registerExtension(TRACE_ID, () -> current(true));
    LogRecordContext.registerExtension(SPAN_ID, () -> current(false));
  }

  private static String current(boolean traceId) {
    SpanContext span = Span.current().getSpanContext();
    if (!span.isValid()) {
      return null;
    }
    return traceId ? span.getTraceId() : span.getSpanId();
  }

  @PreDestroy
  void unregister() {
    LogRecordContext.unregisterExtension(TRACE_ID);
    LogRecordContext.unregisterExtension(SPAN_ID);
  }
}
