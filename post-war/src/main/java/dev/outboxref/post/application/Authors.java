package dev.outboxref.post.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may write posts and how authors are shown. The replica answers first; a user it does not know
 * yet (registered a moment ago, event still on its way) is asked of the user service (read-your-
 * writes), and the answer is recorded in the replica under the same version rule as events.
 */
@ApplicationScoped
public class Authors {

  @Inject AuthorReplica replica;
  @Inject AuthorDirectory directory;

  /**
   * The author as the replica knows them (asked of the user service first if the replica does not
   * know them yet).
   *
   * @throws PostRefusal {@code AUTHOR_UNKNOWN} if no such user exists, {@code AUTHOR_DELETED} if
   *     the user was deleted, {@code DIRECTORY_UNAVAILABLE} if the replica does not know them and
   *     the user service cannot be asked now
   */
  public Author requireActive(UUID userId) {
    Optional<Author> known = replica.find(userId);
    if (known.isEmpty()) {
      Author reported = directory.find(userId).orElseThrow(() -> PostRefusal.authorUnknown(userId));
      replica.record(reported);
      // read back: an event may have brought a newer state meanwhile, and the newer one wins
      known = replica.find(userId);
    }
    Author author = known.orElseThrow(() -> PostRefusal.authorUnknown(userId));
    if (author.deleted()) {
      throw PostRefusal.authorDeleted(userId);
    }
    return author;
  }

  public Optional<Author> find(UUID userId) {
    return replica.find(userId);
  }

  public Map<UUID, Author> findAll(Collection<UUID> userIds) {
    return replica.findAll(userIds);
  }
}
