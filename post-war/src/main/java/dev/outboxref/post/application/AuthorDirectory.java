package dev.outboxref.post.application;

import java.util.Optional;
import java.util.UUID;

/** The user service, asked for an author the replica does not know yet. */
public interface AuthorDirectory {

  /**
   * The author, deleted ones included; empty if the id never existed.
   *
   * @throws PostRefusal of kind {@link PostRefusal.Kind#DIRECTORY_UNAVAILABLE} if the user service
   *     cannot be asked now
   */
  Optional<Author> find(UUID userId);
}
