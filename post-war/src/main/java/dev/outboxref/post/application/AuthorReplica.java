package dev.outboxref.post.application;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The post service's own copy of the users (the replica), as the use cases need it. */
public interface AuthorReplica {

  /** The author as the replica knows them now, tombstones included; empty if it does not. */
  Optional<Author> find(UUID userId);

  /** The authors of these ids the replica knows, by id. */
  Map<UUID, Author> findAll(Collection<UUID> userIds);

  /**
   * Records an author as the user service reported them, under the replica's version rule: kept
   * only if newer than the replica's own state.
   */
  void record(Author author);
}
