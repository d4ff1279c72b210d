package dev.outboxref.bench;

import dev.outboxref.descriptor.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The user service's API as the benches call it: HTTP/1.1, one client for every bench thread. */
final class UserApi {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

  private final String users;

  UserApi(String baseUrl) {
    this.users = baseUrl + Service.USER.apiPath();
  }

  /** Registers a user (the production password hash); its id, or null if not 201. */
  String register(String label) throws Exception {
    String body =
        "{\"email\":\"%s-%s@example.com\",\"name\":\"Bench %s\",\"nickname\":\"b\",\"password\":\"correct horse battery staple\"}"
            .formatted(label, UUID.randomUUID(), label);
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(users))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      return null;
    }
    Matcher m = ID.matcher(r.body());
    return m.find() ? m.group(1) : null;
  }

  /**
   * Registers a user, for a flood; the status code (201, 429 when limited, 503 when the hasher is
   * busy, ...), or -1 if no answer came.
   */
  int registrationStatus(String label) {
    String body =
        "{\"email\":\"%s-%s@example.com\",\"name\":\"Flood\",\"nickname\":\"f\",\"password\":\"correct horse battery staple\"}"
            .formatted(label, UUID.randomUUID());
    return statusOf(
        HttpRequest.newBuilder(URI.create(users))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Changes the user's name as the user; the status code, or -1 if no answer came. */
  int changeName(String userId, String token, String name) {
    return statusOf(
        HttpRequest.newBuilder(URI.create(users + "/" + userId))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(60))
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
            .build());
  }

  /** The answer's status code, or -1 if no answer came. */
  private static int statusOf(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (Exception e) {
      return -1;
    }
  }
}
