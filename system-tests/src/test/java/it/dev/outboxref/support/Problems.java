package it.dev.outboxref.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** The REST APIs' errors: application/problem+json (RFC 9457) with a status, title and detail. */
public final class Problems {

  private Problems() {}

  /** Asserts that the response is a problem of this status and returns its body. */
  public static JsonObject problem(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/problem+json", Http.contentType(response));
    JsonObject problem = Http.json(response);
    assertEquals(status, problem.getInt("status"));
    assertTrue(problem.containsKey("title") && problem.containsKey("detail"), problem.toString());
    return problem;
  }
}
