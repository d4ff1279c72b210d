package it.dev.outboxref;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Stack;
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
final class PostsApi {

  /** One row of user_replica. */
  record ReplicaRow(String userId, String name, String nickname, long version, boolean deleted) {}

  private final Stack stack;
  private final LibertyServer service;

  PostsApi(Stack stack) {
    this.stack = stack;
    this.service = stack.postService();
  }

  HttpResponse<String> create(String authorId, String title, String content) {
    return post(
        "/api/posts",
        """
        {"authorId":"%s","title":"%s","content":"%s"}"""
            .formatted(authorId, title, content));
  }

  HttpResponse<String> post(String path, String json) {
    return Http.send(
        HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> get(String pathAndQuery) {
    return Http.get(service.baseUrl() + "/api/posts" + pathAndQuery);
  }

  JsonObject author(String postId) {
    HttpResponse<String> response = get("/" + postId);
    if (response.statusCode() != 200) {
      throw new AssertionError("get post: " + response.statusCode() + " " + response.body());
    }
    return Http.json(response).getJsonObject("author");
  }

  /** An admin call with the stack's admin token. */
  HttpResponse<String> admin(String method, String path) {
    return Http.send(
        HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/admin" + path))
            .header("Authorization", "Bearer " + stack.adminToken())
            .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** The users whose replica row is older than the given version ("id at v < expected"). */
  List<String> behind(Map<String, Long> expectedVersions) {
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

  Optional<ReplicaRow> replica(String userId) {
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
