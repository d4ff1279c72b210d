package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UsersApi;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The post service's gRPC client under faults: a slow user service runs into the deadline, a
 * stopped one opens the circuit, and post creation answers 503 fast instead of hanging; all of it
 * recovers when the user service is back.
 */
@ExtendWith(StackExtension.class)
class UserDirectoryClientIT {

  /** Deadline 300 ms, retries and FT timeout included a call must end well within this. */
  static final Duration BUDGET = Duration.ofMillis(1500);

  /**
   * The post service validates access tokens with the public keys it fetched from the user service
   * (and keeps). A post service that never had a token since it started has none yet, and without
   * the user service it could not validate any (docs/security.md); one read with a token, while the
   * user service is well, is what any earlier request would have done.
   */
  @BeforeEach
  void thePostServiceHasFetchedTheTokenKeys(Stack stack) {
    PostsApi posts = new PostsApi(stack);
    assertEquals(
        200, posts.getAs(posts.tokenOf(UUID.randomUUID().toString()), "?limit=1").statusCode());
  }

  @Test
  void aSlowUserServiceRunsIntoTheDeadline(Stack stack) throws Exception {
    PostsApi posts = new PostsApi(stack);
    // the user directory's query waits for this lock: a real slow server
    try (Connection c = stack.database().connectAsAdmin(Service.USER.database());
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
      long start = System.nanoTime();
      HttpResponse<String> response = posts.create(UUID.randomUUID().toString(), "t", "c");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      c.rollback();
      assertEquals(503, response.statusCode(), response.body());
      assertTrue(response.body().contains("DEADLINE_EXCEEDED"), response.body());
      assertTrue(response.headers().firstValue("Retry-After").isPresent());
      assertTrue(took.compareTo(BUDGET) < 0, "answered in " + took.toMillis() + " ms");
    }
    // the lock is gone: the user service answers again (an unknown author is a 422)
    Poll.until(
        "post creation to reach the user service again",
        Duration.ofSeconds(30),
        Duration.ofMillis(200),
        () -> {
          HttpResponse<String> r = posts.create(UUID.randomUUID().toString(), "t", "c");
          return r.statusCode() + " " + r.body();
        },
        answer -> answer.startsWith("422"));
  }

  @Test
  void aStoppedUserServiceOpensTheCircuitAndPostCreationRecovers(Stack stack) {
    PostsApi posts = new PostsApi(stack);
    List<Long> millis = new ArrayList<>();
    String lastDetail = "";
    stack.userService().stop();
    try {
      for (int i = 0; i < 12; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response = posts.create(UUID.randomUUID().toString(), "t", "c");
        millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertEquals(503, response.statusCode(), response.body());
        assertEquals("5", response.headers().firstValue("Retry-After").orElseThrow());
        lastDetail = Http.json(response).getString("detail");
      }
    } finally {
      stack.userService().start();
    }
    assertTrue(lastDetail.contains("paused"), "the circuit opened: " + lastDetail);
    assertTrue(
        millis.stream().allMatch(ms -> ms < BUDGET.toMillis()), "every answer was fast: " + millis);
    Poll.until(
        "post creation to reach the user service again",
        Duration.ofSeconds(30),
        Duration.ofMillis(500),
        () -> posts.create(UUID.randomUUID().toString(), "t", "c").statusCode(),
        status -> status == 422);
    String userId = new UsersApi(stack.userService()).register("recovered").getString("id");
    assertEquals(201, posts.create(userId, "Back", "again").statusCode());
  }
}
