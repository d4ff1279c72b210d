package dev.outboxref.post.verification;

import dev.outboxref.post.replica.ReplicaChange;
import dev.outboxref.post.replica.ReplicaReader;
import dev.outboxref.post.replica.ReplicaUser;
import dev.outboxref.post.replica.ReplicaWriter;
import dev.outboxref.post.userdirectory.DirectoryUser;
import dev.outboxref.post.userdirectory.DirectoryUsers;
import dev.outboxref.post.userdirectory.UserDirectoryClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Confirms and repairs the users a search found: asks the source for each user's state now
 * (GetUsers, 100 at a time), compares it with the replica's row ({@link Divergence}) and writes the
 * source's state where they differ, with a statement that never replaces a newer version, so a
 * repair racing the live stream cannot take a user backwards.
 */
@ApplicationScoped
public class ReplicaRepair {

  /** Users that differed, and rows the repair changed (fewer if the stream got there first). */
  public record Result(int divergent, int repaired) {}

  static final int BATCH = 100;
  private static final Logger LOG = Logger.getLogger(ReplicaRepair.class.getName());

  @Inject UserDirectoryClient directory;
  @Inject ReplicaReader reader;
  @Inject ReplicaWriter writer;

  public Result repair(Set<UUID> candidates, Runnable betweenSteps) {
    List<UUID> ids = new ArrayList<>(candidates);
    int divergent = 0;
    int repaired = 0;
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
      DirectoryUsers source = directory.getUsers(batch);
      Map<UUID, DirectoryUser> found =
          source.found().stream()
              .collect(Collectors.toMap(DirectoryUser::userId, Function.identity()));
      Map<UUID, ReplicaUser> rows = reader.findAll(batch);
      List<UUID> ghosts = new ArrayList<>();
      for (UUID id : batch) {
        DirectoryUser user = found.get(id);
        ReplicaUser row = rows.get(id);
        Divergence.Action action = Divergence.of(state(user), state(row));
        if (action == Divergence.Action.TOMBSTONE) {
          divergent++;
          ghosts.add(id);
        } else if (user != null && (action == Divergence.Action.APPLY || row != null)) {
          // the row may have moved since it was read: the statement decides again, and never
          // replaces a newer version (so it is written even where the rule above saw no change)
          if (action == Divergence.Action.APPLY) {
            divergent++;
          }
          if (writer.repair(ReplicaChange.of(user))) {
            repaired++;
          }
        }
      }
      repaired += writer.markDeleted(ghosts);
      betweenSteps.run();
    }
    if (divergent > 0) {
      LOG.warning(
          "Replica verification: "
              + divergent
              + " users differed from the user service, "
              + repaired
              + " repaired");
    }
    return new Result(divergent, repaired);
  }

  private static Divergence.State state(DirectoryUser user) {
    return user == null
        ? null
        : new Divergence.State(user.version(), user.deleted(), user.name(), user.nickname());
  }

  private static Divergence.State state(ReplicaUser row) {
    return row == null
        ? null
        : new Divergence.State(row.version(), row.deleted(), row.name(), row.nickname());
  }
}
