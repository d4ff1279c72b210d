package dev.outboxref.post.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.platform.rest.Problem;
import dev.outboxref.platform.rest.ProblemException;
import dev.outboxref.post.application.PostRefusal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each kind of refusal answers with its status, title and headers, the refusal's message as detail.
 */
class PostRefusalMapperTest {

  private final UUID id = UUID.randomUUID();

  @Test
  void noSuchPostIs404() {
    assertAnswer(PostRefusal.postNotFound(id), 404, "Not Found", Map.of());
  }

  @Test
  void notTheAuthorIs403() {
    assertAnswer(PostRefusal.notTheAuthor(id), 403, "Forbidden", Map.of());
  }

  @Test
  void anUnknownOrDeletedAuthorIs422() {
    assertAnswer(PostRefusal.authorUnknown(id), 422, "Unprocessable Content", Map.of());
    assertAnswer(PostRefusal.authorDeleted(id), 422, "Unprocessable Content", Map.of());
  }

  @Test
  void anUncheckableAuthorIs503WithRetryAfter() {
    PostRefusal refusal =
        PostRefusal.directoryUnavailable("the user service did not answer in time", null);

    assertEquals(
        "The author is not known here yet and cannot be checked now: the user service did not"
            + " answer in time. Retry later.",
        refusal.getMessage());
    assertAnswer(refusal, 503, "Service Unavailable", Map.of("Retry-After", "5"));
  }

  private static void assertAnswer(
      PostRefusal refusal, int status, String title, Map<String, String> headers) {
    ProblemException answer = PostRefusalMapper.problem(refusal);
    assertEquals(new Problem("about:blank", title, status, refusal.getMessage()), answer.problem());
    assertEquals(headers, answer.headers());
  }
}
