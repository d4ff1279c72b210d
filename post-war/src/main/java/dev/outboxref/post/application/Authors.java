package dev.outboxref.post.application;

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

  @Inject UserDirectoryClient directory;
  @Inject ReplicaReader replicaReader;
  @Inject ReplicaWriter replica;

  /**
   * The author as the replica knows them (asked of the user service first if the replica does not
   * know them yet).
   *
   * @throws PostRefusal {@code AUTHOR_UNKNOWN} if no such user exists, {@code AUTHOR_DELETED} if
   *     the user was deleted, {@code DIRECTORY_UNAVAILABLE} if the replica does not know them and
   *     the user service cannot be asked now
   */
  public ReplicaUser requireActive(UUID userId) {
    Optional<ReplicaUser> known = find(userId);
    if (known.isEmpty()) {
      DirectoryUser user =
          askUserService(userId).orElseThrow(() -> PostRefusal.authorUnknown(userId));
      replica.apply(ReplicaChange.of(user));
      known = find(userId);
    }
    ReplicaUser author = known.orElseThrow(() -> PostRefusal.authorUnknown(userId));
    if (author.deleted()) {
      throw PostRefusal.authorDeleted(userId);
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
      throw PostRefusal.directoryUnavailable(
          "the user service failed repeatedly, calls to it are paused", e);
    } catch (TimeoutException e) {
      throw PostRefusal.directoryUnavailable("the user service did not answer in time", e);
    } catch (UserServiceException e) {
      throw PostRefusal.directoryUnavailable(e.getMessage(), e);
    }
  }
}
