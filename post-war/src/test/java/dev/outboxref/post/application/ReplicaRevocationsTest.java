package dev.outboxref.post.application;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A token is revoked by a tombstone or a newer credential version in the replica. */
class ReplicaRevocationsTest {

  private final UUID id = UUID.randomUUID();
  private final FakeAuthorReplica replica = new FakeAuthorReplica();
  private final ReplicaRevocations revocations = new ReplicaRevocations();

  ReplicaRevocationsTest() {
    revocations.replica = replica;
  }

  @Test
  void aUserTheReplicaDoesNotKnowYetIsNotRevoked() {
    assertFalse(revocations.isRevoked(id, 1));
  }

  @Test
  void aTokenOfTheCurrentCredentialVersionHolds() {
    replica.with(new Author(id, "Ada Lovelace", "ada", false, 3, 2));
    assertFalse(revocations.isRevoked(id, 2));
  }

  @Test
  void aTokenOfAnOlderCredentialVersionIsRevoked() {
    replica.with(new Author(id, "Ada Lovelace", "ada", false, 3, 2));
    assertTrue(revocations.isRevoked(id, 1));
  }

  @Test
  void aDeletedUsersTokenIsRevoked() {
    replica.with(new Author(id, null, null, true, 4, 2));
    assertTrue(revocations.isRevoked(id, 2));
  }
}
