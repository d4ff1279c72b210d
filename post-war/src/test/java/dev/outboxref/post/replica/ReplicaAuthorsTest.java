package dev.outboxref.post.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.post.application.Author;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the replica records of an author the user service reported. */
class ReplicaAuthorsTest {

  private final UUID id = UUID.randomUUID();

  @Test
  void aLiveAuthorIsTheirProfileAtTheirVersion() {
    assertEquals(
        ReplicaChange.profile(id, 4, 2, "Ada Lovelace", "ada", null),
        ReplicaAuthors.change(new Author(id, "Ada Lovelace", "ada", false, 4, 2)));
  }

  @Test
  void aDeletedAuthorIsATombstoneAtTheirFinalVersion() {
    assertEquals(
        ReplicaChange.deletion(id, 7, 2, null),
        ReplicaAuthors.change(new Author(id, null, null, true, 7, 2)));
  }
}
