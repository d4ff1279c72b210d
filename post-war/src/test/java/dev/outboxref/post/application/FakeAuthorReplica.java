package dev.outboxref.post.application;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A replica in a map, with the replica's rule: a recorded author is kept only if newer. */
class FakeAuthorReplica implements AuthorReplica {

  final Map<UUID, Author> authors = new HashMap<>();
  final List<Author> recorded = new ArrayList<>();

  FakeAuthorReplica with(Author author) {
    authors.put(author.id(), author);
    return this;
  }

  @Override
  public Optional<Author> find(UUID userId) {
    return Optional.ofNullable(authors.get(userId));
  }

  @Override
  public Map<UUID, Author> findAll(Collection<UUID> userIds) {
    Map<UUID, Author> found = new HashMap<>();
    userIds.forEach(id -> find(id).ifPresent(author -> found.put(id, author)));
    return found;
  }

  @Override
  public void record(Author author) {
    recorded.add(author);
    authors.merge(author.id(), author, (old, now) -> now.version() > old.version() ? now : old);
  }
}
