package it.dev.outboxref.support;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Stack;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Calls of the posts and admin APIs as a client makes them, and a look into the replica. */
public final class PostsApi {

  /** One row of user_replica. */
  public record ReplicaRow(
      String userId, String name, String nickname, long version, boolean deleted) {}

  private final Stack stack;
  private final LibertyServer service;

  public PostsApi(Stack stack) {
    this.stack = stack;
    this.service = stack.postService();
  }

  /** A post by {@code authorId}, with that user's token. */
  public HttpResponse<String> create(String authorId, String title, String content) {
    return createAs(tokenOf(authorId), authorId, title, content);
  }

  public HttpResponse<String> createAs(
      String token, String authorId, String title, String content) {
    return postAs(
        token,
        Service.POST.apiPath(),
        """
        {"authorId":"%s","title":"%s","content":"%s"}"""
            .formatted(authorId, title, content));
  }

  /** A POST with the token of {@code userId}. */
  public HttpResponse<String> post(String userId, String path, String json) {
    return postAs(tokenOf(userId), path, json);
  }

  public HttpResponse<String> postAs(String token, String path, String json) {
    return Http.send(
        UsersApi.authorized(
            HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)),
            token));
  }

  public HttpResponse<String> patchAs(String token, String postId, String json, String ifMatch) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(service.baseUrl() + Service.POST.apiPath() + "/" + postId))
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return Http.send(UsersApi.authorized(request, token));
  }

  public HttpResponse<String> deleteAs(String token, String postId) {
    return Http.send(
        UsersApi.authorized(
            HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + Service.POST.apiPath() + "/" + postId))
                .DELETE(),
            token));
  }

  /**
   * The token of {@code userId}: signed in for a user the tests registered, else (an id that names
   * no user) a token signed with the stack's key, as a token of a user who no longer exists.
   */
  public String tokenOf(String userId) {
    return Tokens.isRegistered(userId)
        ? Tokens.of(stack.userService(), userId)
        : Tokens.forged(stack, claims -> claims, userId);
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return Http.get(service.baseUrl() + Service.POST.apiPath() + pathAndQuery);
  }

  /** How many posts the list at this query (e.g. {@code ?authorId=...}) holds, over all pages. */
  public long count(String query) {
    return Pages.all(this::get, query, 100).size();
  }

  public HttpResponse<String> getAs(String token, String pathAndQuery) {
    return Http.send(
        UsersApi.authorized(
            HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + Service.POST.apiPath() + pathAndQuery))
                .GET(),
            token));
  }

  public JsonObject author(String postId) {
    HttpResponse<String> response = get("/" + postId);
    if (response.statusCode() != 200) {
      throw new AssertionError("get post: " + response.statusCode() + " " + response.body());
    }
    return Http.json(response).getJsonObject("author");
  }

  /** The parked events of one record key, through the admin API, every page. */
  public List<JsonObject> parkedFor(String key) {
    List<JsonObject> found = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonObject body = Http.json(admin("GET", "/parked-events?size=100&page=" + page));
      JsonArray items = body.getJsonArray("items");
      items.getValuesAs(JsonObject.class).stream()
          .filter(p -> key.equals(p.getString("key", null)))
          .forEach(found::add);
      if (items.size() < 100) {
        return found;
      }
    }
  }

  /** An admin call with the stack's admin token. */
  public HttpResponse<String> admin(String method, String path) {
    return Http.send(
        HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/admin" + path))
            .header("Authorization", "Bearer " + stack.adminToken())
            .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** The users whose replica row is older than the given version ("id at v < expected"). */
  public List<String> behind(Map<String, Long> expectedVersions) {
    List<String> behind = new ArrayList<>();
    expectedVersions.forEach(
        (id, version) -> {
          long replica = replica(id).map(ReplicaRow::version).orElse(0L);
          if (replica < version) {
            behind.add(id + " at " + replica + " < " + version);
          }
        });
    return behind;
  }

  public Optional<ReplicaRow> replica(String userId) {
    try (Connection c = stack.database().connectAs(Database.POST_DB);
        PreparedStatement q =
            c.prepareStatement(
                "SELECT name, nickname, version, deleted FROM user_replica WHERE user_id = ?::uuid")) {
      q.setString(1, userId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new ReplicaRow(
                    userId, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
