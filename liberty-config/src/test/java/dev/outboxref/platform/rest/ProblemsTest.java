package dev.outboxref.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Test
  void parsesACanonicalUuid() {
    UUID id = UUID.randomUUID();
    assertEquals(id, Problems.parseUuid("id", id.toString()));
  }

  @Test
  void rejectsNonCanonicalOrInvalidUuidsWith400NamingTheParameter() {
    for (String bad :
        new String[] {null, "", "42", "1-1-1-1-1", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"}) {
      ProblemException e =
          assertThrows(ProblemException.class, () -> Problems.parseUuid("authorId", bad));
      assertEquals(400, e.problem().status());
      assertTrue(e.problem().detail().contains("'authorId'"), e.problem().detail());
    }
  }
}
