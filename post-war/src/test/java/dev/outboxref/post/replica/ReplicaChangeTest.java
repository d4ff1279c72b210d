package dev.outboxref.post.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.post.application.Author;
import dev.outboxref.post.userdirectory.DirectoryUser;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the replica stores of a user the directory reports (the bootstrap, the repair) and of an
 * author the user service reported ({@code ReplicaAuthors.record}).
 */
class ReplicaChangeTest {

  private final UUID id = UUID.randomUUID();

  @Test
  void aLiveUserIsItsProfileAtItsVersion() {
    assertEquals(
        ReplicaChange.profile(id, 4, 2, "Ada Lovelace", "ada", null),
        ReplicaChange.of(new DirectoryUser(id, "Ada Lovelace", "ada", 4, 2, false)));
  }

  @Test
  void aDeletedUserIsATombstoneAtItsFinalVersion() {
    assertEquals(
        ReplicaChange.deletion(id, 7, 2, null),
        ReplicaChange.of(new DirectoryUser(id, null, null, 7, 2, true)));
  }

  @Test
  void aLiveAuthorIsTheirProfileAtTheirVersion() {
    assertEquals(
        ReplicaChange.profile(id, 4, 2, "Ada Lovelace", "ada", null),
        ReplicaChange.of(new Author(id, "Ada Lovelace", "ada", false, 4, 2)));
  }

  @Test
  void aDeletedAuthorIsATombstoneAtTheirFinalVersion() {
    assertEquals(
        ReplicaChange.deletion(id, 7, 2, null),
        ReplicaChange.of(new Author(id, null, null, true, 7, 2)));
  }
}
