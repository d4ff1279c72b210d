package dev.outboxref.post.replica;

import dev.outboxref.post.userdirectory.DirectoryUser;
import dev.outboxref.post.userdirectory.UserDirectoryClient;
import dev.outboxref.post.userdirectory.UserServiceException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fills or reconciles the replica from the user directory's stream of every user (deleted ones as
 * tombstones), in id order. Each user goes through the same version rule as events, so it is safe
 * while events keep flowing: whichever of the two brings a user's newer version wins, in any order.
 * A broken stream is resumed after the last user applied. A user the replica had before the run and
 * the complete stream did not bring (gone from userdb without a deletion event, e.g. after a
 * restore) is marked deleted: a tombstone at its last version.
 */
@ApplicationScoped
public class ReplicaBootstrap {

  /** What a run did. */
  public record Report(
      long streamed, long applied, long stale, long removed, long resumes, long millis) {}

  /** A run is already going on in this instance. */
  public static class AlreadyRunning extends RuntimeException {
    AlreadyRunning() {
      super("A replica bootstrap is already running in this instance.", null, false, false);
    }
  }

  private static final Logger LOG = Logger.getLogger(ReplicaBootstrap.class.getName());

  /** Breaks of the stream in a row, with no batch applied in between, before a run gives up. */
  static final int MAX_RESUMES = 3;

  @Inject UserDirectoryClient directory;
  @Inject ReplicaWriter writer;

  @Inject
  @ConfigProperty(name = "replica.bootstrap.batch-size", defaultValue = "500")
  int batchSize;

  private final AtomicBoolean running = new AtomicBoolean();

  public Report run() {
    if (!running.compareAndSet(false, true)) {
      throw new AlreadyRunning();
    }
    try {
      return stream();
    } finally {
      running.set(false);
    }
  }

  private Report stream() {
    long start = System.nanoTime();
    Set<UUID> missing = writer.activeUserIds();
    long streamed = 0;
    long applied = 0;
    int resumes = 0;
    int resumesWithoutProgress = 0;
    UUID after = null;
    UUID lastResumedAfter = null;
    List<ReplicaChange> batch = new ArrayList<>(batchSize);
    while (true) {
      try {
        Iterator<DirectoryUser> users = directory.streamUsers(after);
        while (users.hasNext()) {
          ReplicaChange change = ReplicaChange.of(users.next());
          missing.remove(change.userId());
          batch.add(change);
          if (batch.size() == batchSize) {
            applied += writer.applyAll(batch);
            streamed += batch.size();
            after = batch.get(batch.size() - 1).userId();
            batch.clear();
          }
        }
        applied += writer.applyAll(batch);
        streamed += batch.size();
        break;
      } catch (UserServiceException e) {
        // a stream that got further than the last one (e.g. ended by the user service's stream
        // deadline) resumes again; only breaks with no progress in between count to the limit
        resumesWithoutProgress =
            after != null && !after.equals(lastResumedAfter) ? 1 : resumesWithoutProgress + 1;
        lastResumedAfter = after;
        resumes++;
        if (resumesWithoutProgress > MAX_RESUMES) {
          throw e;
        }
        // the users of the unfinished batch come again after 'after'
        batch.clear();
        LOG.warning("Bootstrap stream broke after " + streamed + " users, resuming: " + e);
      }
    }
    int removed = writer.markDeleted(missing);
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    LOG.info(
        "Replica bootstrap: "
            + streamed
            + " users streamed, "
            + applied
            + " applied, "
            + removed
            + " no longer in the directory marked deleted, in "
            + millis
            + " ms");
    return new Report(streamed, applied, streamed - applied, removed, resumes, millis);
  }
}
