package dev.outboxref.post.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A user service in a map, or away ({@link #unavailable}); remembers whom it was asked for. */
class FakeAuthorDirectory implements AuthorDirectory {

  final Map<UUID, Author> authors = new HashMap<>();
  final List<UUID> asked = new ArrayList<>();
  boolean unavailable;

  FakeAuthorDirectory with(Author author) {
    authors.put(author.id(), author);
    return this;
  }

  @Override
  public Optional<Author> find(UUID userId) {
    asked.add(userId);
    if (unavailable) {
      throw PostRefusal.directoryUnavailable("the user service did not answer in time", null);
    }
    return Optional.ofNullable(authors.get(userId));
  }
}
