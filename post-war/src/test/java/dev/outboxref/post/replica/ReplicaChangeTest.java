package dev.outboxref.post.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.post.userdirectory.DirectoryUser;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the replica stores of a user the directory reports (the bootstrap, the repair). */
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
}
