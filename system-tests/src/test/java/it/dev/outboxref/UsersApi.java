package it.dev.outboxref;

import dev.outboxref.stack.LibertyServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Calls of the users API as a client makes them. */
final class UsersApi {

  static final String PASSWORD = "correct horse battery staple";

  private final LibertyServer service;

  UsersApi(LibertyServer service) {
    this.service = service;
  }

  HttpResponse<String> post(String json) {
    return Http.send(request(json));
  }

  private HttpRequest.Builder request(String json) {
    return HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/users"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  /** Registers a new user with a unique email; returns the created user. */
  JsonObject register(String label) {
    return created(post(registration(label)));
  }

  /** The same inside the caller's trace. */
  JsonObject register(String label, Traceparent trace) {
    return created(Http.send(request(registration(label)).header("traceparent", trace.header())));
  }

  private static String registration(String label) {
    String email = label + "-" + UUID.randomUUID() + "@example.com";
    return """
        {"email":"%s","name":"%s","nickname":"%s","password":"%s"}"""
        .formatted(email, "Name of " + label, label, PASSWORD);
  }

  private static JsonObject created(HttpResponse<String> response) {
    if (response.statusCode() != 201) {
      throw new AssertionError("register: " + response.statusCode() + " " + response.body());
    }
    return Http.json(response);
  }

  /** Registers {@code count} new users; returns their ids. */
  List<String> registerMany(String label, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(register(label + "-" + i).getString("id"));
    }
    return ids;
  }

  HttpResponse<String> patch(String id, String json, String ifMatch) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/users/" + id))
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return Http.send(request);
  }

  /** Renames the user; returns the new version. */
  long rename(String id, String name) {
    HttpResponse<String> response = patch(id, "{\"name\":\"" + name + "\"}", null);
    if (response.statusCode() != 200) {
      throw new AssertionError("rename: " + response.statusCode() + " " + response.body());
    }
    return Http.json(response).getJsonNumber("version").longValue();
  }

  HttpResponse<String> delete(String id, String ifMatch) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/users/" + id)).DELETE();
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return Http.send(request);
  }

  HttpResponse<String> get(String pathAndQuery) {
    return Http.get(service.baseUrl() + "/api/users" + pathAndQuery);
  }
}
