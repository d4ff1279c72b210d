package it.dev.outboxref.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the tests: plain requests, JSON answers. */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          // HTTP/1.1 like curl: the JDK client's h2c upgrade hung on Liberty's /openapi/ui/ here
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Http() {}

  public static HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  public static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("Request failed: " + request.build().uri(), e);
    }
  }

  public static JsonObject json(HttpResponse<String> response) {
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      JsonStructure structure = reader.read();
      return structure.asJsonObject();
    } catch (RuntimeException e) {
      throw new AssertionError(
          "Not a JSON object (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  public static JsonArray jsonArray(HttpResponse<String> response) {
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readArray();
    } catch (RuntimeException e) {
      throw new AssertionError(
          "Not a JSON array (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  public static String contentType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }
}
