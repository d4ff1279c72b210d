package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The posts API end to end: authors from the replica, fed by the user service's events. */
@ExtendWith(StackExtension.class)
class PostsApiIT {

  @Test
  void theReplicaFollowsRegistrationProfileChangeAndDeletion(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    PostsApi posts = new PostsApi(stack);
    String userId = users.register("follow").getString("id");

    HttpResponse<String> created = posts.create(userId, "First", "Hello");
    assertEquals(201, created.statusCode(), created.body());
    JsonObject post = Http.json(created);
    String postId = post.getString("id");
    assertEquals("Name of follow", post.getJsonObject("author").getString("name"));
    assertEquals("\"1\"", created.headers().firstValue("ETag").orElseThrow());
    assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith(postId));

    users.rename(userId, "Renamed Follow");
    Poll.until(
        "the post to show the author's new name",
        Duration.ofSeconds(30),
        () -> posts.author(postId),
        author -> "Renamed Follow".equals(author.getString("name", null)));
    assertEquals(2, posts.replica(userId).orElseThrow().version());

    assertEquals(204, users.delete(userId, null).statusCode());
    JsonObject author =
        Poll.until(
            "the post to show its author as deleted",
            Duration.ofSeconds(30),
            () -> posts.author(postId),
            a -> a.getBoolean("deleted"));
    assertTrue(
        author.getString("name", null) == null, "a deleted author's name is gone: " + author);
    PostsApi.ReplicaRow row = posts.replica(userId).orElseThrow();
    assertTrue(row.deleted());
    assertNull(row.name());
    assertEquals(3, row.version());

    // the deleted user's token is refused, once the replica knows of the deletion
    HttpResponse<String> refused = posts.create(userId, "Ghost", "Boo");
    assertEquals(401, refused.statusCode(), refused.body());
    assertTrue(Http.json(refused).getString("detail").contains("deleted"), refused.body());
    assertEquals(200, posts.get("/" + postId).statusCode(), "the deleted user's post stays");
  }

  @Test
  void aPostRightAfterRegistrationFindsItsAuthorOverGrpc(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    PostsApi posts = new PostsApi(stack);
    // with the broker away the registration's event cannot reach the replica: only gRPC can know
    stack.broker().stop();
    String userId;
    try {
      userId = users.register("fresh").getString("id");
      HttpResponse<String> created = posts.create(userId, "Right away", "Read your writes");
      assertEquals(201, created.statusCode(), created.body());
      assertEquals("Name of fresh", Http.json(created).getJsonObject("author").getString("name"));
      assertEquals(1, posts.replica(userId).orElseThrow().version(), "gRPC answer is replicated");
    } finally {
      stack.broker().start();
    }
  }

  @Test
  void anUnknownAuthorIsRefusedWith422(Stack stack) {
    PostsApi posts = new PostsApi(stack);
    HttpResponse<String> response = posts.create(UUID.randomUUID().toString(), "t", "c");
    assertEquals(422, response.statusCode(), response.body());
    assertEquals("application/problem+json", Http.contentType(response));
    assertTrue(Http.json(response).getString("detail").contains("does not exist"));
  }

  @Test
  void badInputIsRefusedAndChangesNothing(Stack stack) {
    PostsApi posts = new PostsApi(stack);
    String userId = new UsersApi(stack.userService()).register("bad").getString("id");
    String[] bodies = {
      "",
      "{",
      "[]",
      "{\"authorId\":\"nope\",\"title\":\"t\",\"content\":\"c\"}",
      "{\"authorId\":\"%s\",\"title\":\" \",\"content\":\"c\"}".formatted(userId),
      "{\"authorId\":\"%s\",\"title\":\"t\"}".formatted(userId),
      "{\"authorId\":\"%s\",\"title\":\"%s\",\"content\":\"c\"}".formatted(userId, "x".repeat(201)),
      "{\"authorId\":\"%s\",\"title\":\"t\",\"content\":\"c\",\"extra\":1}".formatted(userId),
    };
    for (String body : bodies) {
      HttpResponse<String> response = posts.post(userId, Service.POST.apiPath(), body);
      assertEquals(400, response.statusCode(), body + " -> " + response.body());
      assertEquals("application/problem+json", Http.contentType(response), body);
    }
    assertEquals(0, total(posts, "?authorId=" + userId), "nothing was written");
    assertEquals(400, posts.get("/not-a-uuid").statusCode());
    assertEquals(404, posts.get("/" + UUID.randomUUID()).statusCode());
    assertEquals(400, posts.get("?authorId=xyz").statusCode());
    assertEquals(400, posts.get("?limit=101").statusCode());
    assertEquals(400, posts.get("?size=20").statusCode(), "the offset parameters are gone");
  }

  @Test
  void listChangeAndDeleteAPost(Stack stack) {
    PostsApi posts = new PostsApi(stack);
    String userId = new UsersApi(stack.userService()).register("lister").getString("id");
    for (int i = 0; i < 3; i++) {
      assertEquals(201, posts.create(userId, "Post " + i, "Body " + i).statusCode());
    }
    JsonObject page = Http.json(posts.get("?authorId=" + userId + "&limit=2"));
    assertEquals(3, posts.count("?authorId=" + userId));
    assertTrue(page.containsKey("next"), "a second page follows");
    JsonObject rest =
        Http.json(posts.get("?authorId=" + userId + "&limit=2&cursor=" + page.getString("next")));
    assertEquals(1, rest.getJsonArray("items").size());
    assertEquals("Post 0", rest.getJsonArray("items").getJsonObject(0).getString("title"));
    assertFalse(rest.containsKey("next"), "the last page");
    assertEquals(2, page.getJsonArray("items").size());
    assertEquals("Post 2", page.getJsonArray("items").getJsonObject(0).getString("title"));
    String postId = page.getJsonArray("items").getJsonObject(0).getString("id");

    String token = posts.tokenOf(userId);
    HttpResponse<String> stale = posts.patchAs(token, postId, "{\"title\":\"New\"}", "\"7\"");
    assertEquals(412, stale.statusCode(), stale.body());
    HttpResponse<String> changed = posts.patchAs(token, postId, "{\"title\":\"New\"}", "\"1\"");
    assertEquals(200, changed.statusCode(), changed.body());
    assertEquals("New", Http.json(changed).getString("title"));
    assertEquals(2, Http.json(changed).getInt("version"));

    HttpResponse<String> deleted = posts.deleteAs(token, postId);
    assertEquals(204, deleted.statusCode());
    assertEquals(404, posts.get("/" + postId).statusCode());
    assertEquals(2, total(posts, "?authorId=" + userId));
  }

  private static long total(PostsApi posts, String query) {
    return posts.count(query);
  }
}
