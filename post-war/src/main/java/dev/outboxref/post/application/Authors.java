package dev.outboxref.post.application;

import dev.outboxref.platform.rest.ProblemException;
import dev.outboxref.platform.rest.Problems;
import dev.outboxref.post.replica.ReplicaChange;
import dev.outboxref.post.replica.ReplicaReader;
import dev.outboxref.post.replica.ReplicaUser;
import dev.outboxref.post.replica.ReplicaWriter;
import dev.outboxref.post.userdirectory.DirectoryUser;
import dev.outboxref.post.userdirectory.UserDirectoryClient;
import dev.outboxref.post.userdirectory.UserServiceException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Who may write posts and how authors are shown. The replica answers first; a user it does not know
 * yet (registered a moment ago, event still on its way) is asked of the user service over gRPC
 * (read-your-writes), and the answer is written to the replica under the same version rule as
 * events.
 */
@ApplicationScoped
public class Authors {

  /** Seconds a client should wait before retrying when the user service cannot be asked. */
  static final int RETRY_AFTER_SECONDS = 5;

  @Inject UserDirectoryClient directory;
  @Inject ReplicaReader replicaReader;
  @Inject ReplicaWriter replica;

  /**
   * The author as the replica knows them (asked of the user service first if the replica does not
   * know them yet); 422 unless the user exists and is not deleted, 503 if that cannot be known now.
   */
  public ReplicaUser requireActive(UUID userId) {
    Optional<ReplicaUser> known = find(userId);
    if (known.isEmpty()) {
      DirectoryUser user = askUserService(userId).orElseThrow(() -> unknown(userId));
      replica.apply(ReplicaChange.of(user));
      known = find(userId);
    }
    ReplicaUser author = known.orElseThrow(() -> unknown(userId));
    if (author.deleted()) {
      throw deleted(userId);
    }
    return author;
  }

  public Optional<ReplicaUser> find(UUID userId) {
    return replicaReader.find(userId);
  }

  public Map<UUID, ReplicaUser> findAll(Collection<UUID> userIds) {
    return replicaReader.findAll(userIds);
  }

  private Optional<DirectoryUser> askUserService(UUID userId) {
    try {
      return directory.getUser(userId);
    } catch (CircuitBreakerOpenException e) {
      throw unavailable("the user service failed repeatedly, calls to it are paused");
    } catch (TimeoutException e) {
      throw unavailable("the user service did not answer in time");
    } catch (UserServiceException e) {
      throw unavailable(e.getMessage());
    }
  }

  private static ProblemException unavailable(String why) {
    return Problems.unavailable(
        "The author is not known here yet and cannot be checked now: " + why + ". Retry later.",
        RETRY_AFTER_SECONDS);
  }

  private static ProblemException unknown(UUID userId) {
    return Problems.unprocessable("Author " + userId + " does not exist: no such user.");
  }

  private static ProblemException deleted(UUID userId) {
    return Problems.unprocessable("Author " + userId + " was deleted and cannot write posts.");
  }
}
