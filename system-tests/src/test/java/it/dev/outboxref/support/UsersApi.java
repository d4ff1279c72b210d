package it.dev.outboxref.support;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.LibertyServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Calls of the users API as a client makes them. */
public final class UsersApi {

  public static final String PASSWORD = "correct horse battery staple";

  private final LibertyServer service;

  public UsersApi(LibertyServer service) {
    this.service = service;
  }

  /** A registration; a registered user's email and password are kept, to sign in as them. */
  public HttpResponse<String> post(String json) {
    return kept(json, Http.send(request(json)));
  }

  /**
   * Each registration comes "from" an address of its own (X-Forwarded-For, believed from the
   * loopback in the tests' stack), so the per-address registration limit holds no test up.
   */
  private HttpRequest.Builder request(String json) {
    return HttpRequest.newBuilder(URI.create(service.baseUrl() + Service.USER.apiPath()))
        .header("Content-Type", "application/json")
        .header("X-Forwarded-For", someAddress())
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  /** An address of 198.18.0.0/15 (RFC 2544's benchmarking range, no real client's). */
  private static String someAddress() {
    int n = ThreadLocalRandom.current().nextInt(1 << 17);
    return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
  }

  /** Keeps the email and password of a user the registration created. */
  private static HttpResponse<String> kept(String json, HttpResponse<String> response) {
    if (response.statusCode() == 201) {
      JsonObject sent = Json.createReader(new StringReader(json)).readObject();
      Tokens.registered(
          Http.json(response).getString("id"), sent.getString("email"), sent.getString("password"));
    }
    return response;
  }

  /** Registers a new user with a unique email; returns the created user. */
  public JsonObject register(String label) {
    return created(post(registration(label)));
  }

  /** The same inside the caller's trace. */
  public JsonObject register(String label, Traceparent trace) {
    String json = registration(label);
    return created(kept(json, Http.send(request(json).header("traceparent", trace.header()))));
  }

  /** The JSON of a registration with these values (name "Someone"). */
  public static String registration(String email, String nickname, String password) {
    return "{\"email\":\"%s\",\"name\":\"Someone\",\"nickname\":\"%s\",\"password\":\"%s\"}"
        .formatted(email, nickname, password);
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
  public List<String> registerMany(String label, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(register(label + "-" + i).getString("id"));
    }
    return ids;
  }

  /** A PATCH as the user themself (signed in as them). */
  public HttpResponse<String> patch(String id, String json, String ifMatch) {
    return patchAs(tokenOf(id), id, json, ifMatch);
  }

  /** A PATCH with the given token (none if null). */
  public HttpResponse<String> patchAs(String token, String id, String json, String ifMatch) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(service.baseUrl() + Service.USER.apiPath() + "/" + id))
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return Http.send(authorized(request, token));
  }

  /** Renames the user; returns the new version. */
  public long rename(String id, String name) {
    HttpResponse<String> response = patch(id, "{\"name\":\"" + name + "\"}", null);
    if (response.statusCode() != 200) {
      throw new AssertionError("rename: " + response.statusCode() + " " + response.body());
    }
    return Http.json(response).getJsonNumber("version").longValue();
  }

  /** A DELETE as the user themself. */
  public HttpResponse<String> delete(String id, String ifMatch) {
    return deleteAs(tokenOf(id), id, ifMatch);
  }

  /** A DELETE with the token, confirmed with the user's current password (as registered). */
  public HttpResponse<String> deleteAs(String token, String id, String ifMatch) {
    return deleteAs(token, id, ifMatch, Tokens.isRegistered(id) ? Tokens.passwordOf(id) : PASSWORD);
  }

  /** A DELETE with the token, confirmed with this password ({@code null}: no body). */
  public HttpResponse<String> deleteAs(
      String token, String id, String ifMatch, String currentPassword) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(service.baseUrl() + Service.USER.apiPath() + "/" + id))
            .header("Content-Type", "application/json")
            .method(
                "DELETE",
                currentPassword == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(
                        "{\"currentPassword\":\"%s\"}".formatted(currentPassword)));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return Http.send(authorized(request, token));
  }

  public HttpResponse<String> changePasswordAs(
      String token, String id, String current, String next) {
    return Http.send(
        authorized(
            HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + Service.USER.apiPath() + "/" + id + "/password"))
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}"
                            .formatted(current, next))),
            token));
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return Http.get(service.baseUrl() + Service.USER.apiPath() + pathAndQuery);
  }

  public HttpResponse<String> getAs(String token, String pathAndQuery) {
    return Http.send(
        authorized(
            HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + Service.USER.apiPath() + pathAndQuery))
                .GET(),
            token));
  }

  /** The signed-in token of a user these tests registered. */
  public String tokenOf(String id) {
    return Tokens.of(service, id);
  }

  public static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
    return token == null ? request : request.header("Authorization", Tokens.bearer(token));
  }
}
