package dev.outboxref.post.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may write: the replica first, then the user service, whose answer the replica records. */
class AuthorsTest {

  private final UUID id = UUID.randomUUID();
  private final Author ada = new Author(id, "Ada Lovelace", "ada", false, 3, 1);
  private final Author tombstone = new Author(id, null, null, true, 4, 1);
  private final FakeAuthorReplica replica = new FakeAuthorReplica();
  private final FakeAuthorDirectory directory = new FakeAuthorDirectory();
  private final Authors authors = new Authors();

  AuthorsTest() {
    authors.replica = replica;
    authors.directory = directory;
  }

  @Test
  void anAuthorTheReplicaKnowsIsAnsweredWithoutAskingTheUserService() {
    replica.with(ada);

    assertEquals(ada, authors.requireActive(id));
    assertEquals(List.of(), directory.asked);
    assertEquals(List.of(), replica.recorded);
  }

  @Test
  void anAuthorTheReplicaDoesNotKnowIsAskedOfTheUserServiceAndRecorded() {
    directory.with(ada);

    assertEquals(ada, authors.requireActive(id));
    assertEquals(List.of(id), directory.asked);
    assertEquals(List.of(ada), replica.recorded);
    assertEquals(ada, authors.find(id).orElseThrow());
  }

  @Test
  void anAuthorNobodyKnowsIsUnknown() {
    PostRefusal refusal = assertThrows(PostRefusal.class, () -> authors.requireActive(id));

    assertEquals(PostRefusal.Kind.AUTHOR_UNKNOWN, refusal.kind());
    assertEquals("Author " + id + " does not exist: no such user.", refusal.getMessage());
    assertEquals(List.of(), replica.recorded);
  }

  @Test
  void aDeletedAuthorIsRefusedWhereverTheTombstoneComesFrom() {
    replica.with(tombstone);
    assertEquals(
        PostRefusal.Kind.AUTHOR_DELETED,
        assertThrows(PostRefusal.class, () -> authors.requireActive(id)).kind());

    FakeAuthorReplica empty = new FakeAuthorReplica();
    authors.replica = empty;
    directory.with(tombstone);
    PostRefusal refusal = assertThrows(PostRefusal.class, () -> authors.requireActive(id));
    assertEquals(PostRefusal.Kind.AUTHOR_DELETED, refusal.kind());
    assertEquals("Author " + id + " was deleted and cannot write posts.", refusal.getMessage());
    assertEquals(List.of(tombstone), empty.recorded);
  }

  @Test
  void anUnknownAuthorWhileTheUserServiceIsAwayIsRefusedForNow() {
    directory.unavailable = true;

    assertEquals(
        PostRefusal.Kind.DIRECTORY_UNAVAILABLE,
        assertThrows(PostRefusal.class, () -> authors.requireActive(id)).kind());
    assertEquals(List.of(), replica.recorded);
  }

  @Test
  void aKnownAuthorIsAnsweredWhileTheUserServiceIsAway() {
    replica.with(ada);
    directory.unavailable = true;

    assertEquals(ada, authors.requireActive(id));
  }

  @Test
  void theReplicasNewerStateWinsOverAnOlderAnswerRecordedMeanwhile() {
    Author renamed = new Author(id, "Ada King", "ada", false, 5, 1);
    directory.with(ada);
    FakeAuthorReplica racing =
        new FakeAuthorReplica() {
          @Override
          public void record(Author author) {
            with(renamed); // an event arrives between the look-up and the record
            super.record(author);
          }
        };
    authors.replica = racing;

    assertEquals(renamed, authors.requireActive(id));
  }
}
