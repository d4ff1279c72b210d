package dev.outboxref.post.replica.consumer;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code process user-events} span of applying one record (OpenTelemetry messaging
 * conventions), a child of the publish span whose context the record carries in its {@code
 * traceparent} header: Liberty does not propagate trace context over liberty-kafka records.
 */
@ApplicationScoped
public class ConsumerTracing {

  private static final TextMapGetter<ConsumerRecord<String, byte[]>> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<String, byte[]> record) {
          List<String> keys = new ArrayList<>();
          record.headers().forEach(h -> keys.add(h.key()));
          return keys;
        }

        @Override
        public String get(ConsumerRecord<String, byte[]> record, String key) {
          Header header = record == null ? null : record.headers().lastHeader(key);
          return header == null || header.value() == null
              ? null
              : new String(header.value(), StandardCharsets.UTF_8);
        }
      };

  @Inject OpenTelemetry openTelemetry;

  @Inject
  @ConfigProperty(name = "replica.consumer.group-id", defaultValue = "post-service")
  String group;

  /**
   * One {@code process} span per record of a committed batch, from the batch's start to now, with
   * what became of the record: applied, stale (not newer, or superseded in the batch) or parked.
   */
  void processed(BatchPlan plan, Set<UUID> applied, Instant started, Instant visible) {
    Map<ConsumerRecord<String, byte[]>, String> outcomes = new IdentityHashMap<>();
    for (BatchPlan.Change change : plan.changes()) {
      outcomes.put(
          change.record(), applied.contains(change.change().userId()) ? "applied" : "stale");
    }
    for (BatchPlan.Poison poison : plan.poison()) {
      outcomes.put(poison.record(), "parked");
    }
    for (ConsumerRecord<String, byte[]> record : plan.records()) {
      Span span = startProcess(record, started);
      span.setAttribute("outboxref.replica.outcome", outcomes.getOrDefault(record, "stale"));
      span.setAttribute("messaging.batch.message_count", (long) plan.size());
      // Liberty's metrics carry no exemplars: these lead from a slow change to its trace (tag query
      // outboxref.replica.freshness_objective_missed=true)
      SourceCommitTime.of(record)
          .map(at -> SourceCommitTime.freshness(at, visible))
          .ifPresent(
              freshness -> {
                span.setAttribute("outboxref.replica.freshness_ms", freshness.toMillis());
                span.setAttribute(
                    "outboxref.replica.freshness_objective_missed",
                    freshness.compareTo(SourceCommitTime.OBJECTIVE) > 0);
              });
      span.end();
    }
  }

  private Span startProcess(ConsumerRecord<String, byte[]> record, Instant started) {
    Context parent =
        openTelemetry
            .getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), record, HEADERS);
    var span =
        openTelemetry
            .getTracer("dev.outboxref.post.replica")
            .spanBuilder("process " + record.topic())
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setStartTimestamp(started)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation.type", "process")
            .setAttribute("messaging.operation.name", "process")
            .setAttribute("messaging.destination.name", record.topic())
            .setAttribute(
                "messaging.destination.partition.id", Integer.toString(record.partition()))
            .setAttribute("messaging.kafka.offset", record.offset())
            .setAttribute("messaging.consumer.group.name", group);
    if (record.key() != null) {
      span.setAttribute("messaging.kafka.message.key", record.key());
    }
    String eventId = HEADERS.get(record, "event-id");
    if (eventId != null) {
      span.setAttribute("messaging.message.id", eventId);
    }
    return span.startSpan();
  }
}
