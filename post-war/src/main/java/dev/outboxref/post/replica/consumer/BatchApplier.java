package dev.outboxref.post.replica.consumer;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies one poll batch, and decides what the database's refusal of it means: the whole batch in
 * one transaction; if the database refuses the batch's data ({@link FailureKind#PERMANENT}), one
 * record per transaction, and a record it still refuses is parked with the reason, so one bad
 * record never holds up the others. Any other failure is thrown for the caller to retry; what was
 * committed before it stays committed.
 */
final class BatchApplier {

  private static final Logger LOG = Logger.getLogger(BatchApplier.class.getName());

  /** Writes a plan in one transaction; returns the users whose change was newer and applied. */
  interface Store {
    Set<UUID> commit(BatchPlan plan) throws Exception;
  }

  /** What follows a plan's commit (positions, metrics, spans), before the next one is written. */
  interface Committed {
    void committed(BatchPlan plan, Set<UUID> applied, Instant started);
  }

  private final Store store;
  private final Committed committed;

  BatchApplier(Store store, Committed committed) {
    this.store = store;
    this.committed = committed;
  }

  void apply(BatchPlan batch) throws Exception {
    Instant started = Instant.now();
    try {
      committed.committed(batch, store.commit(batch), started);
    } catch (Exception e) {
      if (FailureKind.of(e) != FailureKind.PERMANENT) {
        throw e;
      }
      LOG.warning(
          "The database refused a batch of "
              + batch.size()
              + " records, applying them one by one: "
              + FailureKind.rootMessage(e));
      applyOneByOne(batch);
    }
  }

  private void applyOneByOne(BatchPlan batch) throws Exception {
    for (ConsumerRecord<String, byte[]> record : batch.records()) {
      Instant started = Instant.now();
      BatchPlan one = BatchPlan.ofOne(record);
      try {
        committed.committed(one, store.commit(one), started);
      } catch (Exception e) {
        if (FailureKind.of(e) != FailureKind.PERMANENT) {
          throw e;
        }
        BatchPlan parked =
            BatchPlan.parked(
                record, "the database refused the change: " + FailureKind.rootMessage(e));
        committed.committed(parked, store.commit(parked), started);
      }
    }
  }
}
