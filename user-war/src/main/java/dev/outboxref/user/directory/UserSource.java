package dev.outboxref.user.directory;

import dev.outboxref.user.domain.User;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where the directory reads users from: the database in the server, a list in unit tests. */
public interface UserSource {

  /** The user or its tombstone; empty if the id never existed. */
  Optional<User> find(UUID id);

  List<User> findAll(Collection<UUID> ids);

  /** The next page of users (tombstones included) with an id above {@code after}, in id order. */
  List<User> pageAfter(UUID after, int size);
}
