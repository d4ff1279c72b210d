package dev.outboxref.post.replica.parking;

import dev.outboxref.post.replica.PoisonEvent;
import dev.outboxref.post.replica.ReplicaChange;
import dev.outboxref.post.replica.ReplicaWriter;
import dev.outboxref.post.replica.UserEventDecoder;
import dev.outboxref.post.replica.consumer.ConsumerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Replays a parked event: decodes its stored bytes again and applies them if they now pass (e.g.
 * after a consumer fix), under the same version rule as the consumer.
 */
@ApplicationScoped
public class ParkedEventReplay {

  /** What a replay did. */
  public enum Outcome {
    /** Applied to the replica and removed from the parking lot. */
    APPLIED,
    /** Valid but not newer than the replica: nothing to do; removed from the parking lot. */
    STALE,
    /** Still cannot be applied; stays parked with the new reason. */
    STILL_POISON
  }

  public record ReplayResult(long id, Outcome outcome, String reason) {}

  @Inject ParkedEvents parked;
  @Inject ReplicaWriter writer;
  @Inject ConsumerMetrics metrics;

  /** The change and the removal from the parking lot commit together. */
  @Transactional
  public ReplayResult replay(ParkedEvent event) {
    ReplicaChange change;
    try {
      change = UserEventDecoder.decode(event.key(), event.payload());
    } catch (PoisonEvent e) {
      parked.updateReason(event.id(), e.getMessage());
      return new ReplayResult(event.id(), Outcome.STILL_POISON, e.getMessage());
    }
    boolean applied = writer.apply(change);
    parked.discard(event.id());
    metrics.replayed(applied);
    return new ReplayResult(
        event.id(), applied ? Outcome.APPLIED : Outcome.STALE, applied ? null : "not newer");
  }
}
