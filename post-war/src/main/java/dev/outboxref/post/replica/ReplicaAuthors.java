package dev.outboxref.post.replica;

import dev.outboxref.post.application.Author;
import dev.outboxref.post.application.AuthorReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** The replica as the use cases see it: its users as {@link Author}s. */
@ApplicationScoped
public class ReplicaAuthors implements AuthorReplica {

  @Inject ReplicaReader reader;
  @Inject ReplicaWriter writer;

  @Override
  public Optional<Author> find(UUID userId) {
    return reader.find(userId).map(ReplicaAuthors::author);
  }

  @Override
  public Map<UUID, Author> findAll(Collection<UUID> userIds) {
    return reader.findAll(userIds).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, user -> author(user.getValue())));
  }

  /**
   * Written under the version rule; a stale answer (the replica holds a newer state) is dropped.
   */
  @Override
  public void record(Author author) {
    writer.apply(ReplicaChange.of(author));
  }

  static Author author(ReplicaUser user) {
    return new Author(
        user.userId(),
        user.name(),
        user.nickname(),
        user.deleted(),
        user.version(),
        user.credentialVersion());
  }
}
