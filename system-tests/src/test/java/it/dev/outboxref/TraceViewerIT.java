package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.descriptor.Topics;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.ZipkinServer;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.Traceparent;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trace viewer that {@code ./stack up} starts shows a registration as one trace: fetched from
 * the real Zipkin server's API (what its UI shows), with the spans of both services in the
 * parent/child chain that {@link TelemetryIT} checks over OTLP, and found the way the README tells
 * a developer to search for it.
 */
@ExtendWith(StackExtension.class)
class TraceViewerIT {

  @Test
  void aRegistrationIsOneTraceOfBothServicesInZipkin(Stack stack) {
    ZipkinServer zipkin = stack.traceViewer().orElseThrow();
    Traceparent caller = Traceparent.random();
    String userId = new UsersApi(stack.userService()).register("zipkin", caller).getString("id");

    // Zipkin lower-cases span names
    List<JsonObject> trace =
        Poll.until(
            "the registration's spans of both services in Zipkin",
            Duration.ofSeconds(30),
            () -> spans(zipkin, caller.traceId()),
            spans ->
                find(spans, Service.USER.appName(), "post /api/users") != null
                    && find(spans, Service.USER.appName(), "create user-events") != null
                    && find(spans, Service.USER.appName(), "send user-events") != null
                    && find(spans, Service.POST.appName(), "process user-events") != null);

    JsonObject server = find(trace, Service.USER.appName(), "post /api/users");
    assertEquals("SERVER", server.getString("kind"), server.toString());
    assertEquals(caller.spanId(), server.getString("parentId"), "continues the caller's trace");
    assertEquals("201", server.getJsonObject("tags").getString("http.response.status_code"));

    JsonObject create = find(trace, Service.USER.appName(), "create user-events");
    assertChild(server, create, "PRODUCER", "outbox write inside the request");
    JsonObject send = find(trace, Service.USER.appName(), "send user-events");
    assertChild(create, send, "PRODUCER", "the relay continues the stored context");
    JsonObject process = find(trace, Service.POST.appName(), "process user-events");
    assertChild(send, process, "CONSUMER", "the record carried the publish span");
    assertEquals(userId, process.getJsonObject("tags").getString("messaging.kafka.message.key"));
    assertEquals("applied", process.getJsonObject("tags").getString("outboxref.replica.outcome"));

    // the timings the viewer draws: the publish after the write, the apply after the publish
    assertTrue(start(send) >= start(create) + duration(create), "published after the write");
    assertTrue(start(process) >= start(send), "applied after the publish started");
    for (JsonObject span : List.of(server, send, process)) {
      assertTrue(duration(span) > 0, "a duration: " + span);
    }

    // the README's search: the post service's spans tagged with the user's id
    JsonArray found =
        Http.jsonArray(
            Http.get(
                zipkin.baseUrl()
                    + "/api/v2/traces?serviceName=post-service&annotationQuery="
                    + URLEncoder.encode(
                        "messaging.kafka.message.key=" + userId, StandardCharsets.UTF_8)));
    assertEquals(1, found.size(), "one trace for the user: " + found);
    assertEquals(
        caller.traceId(), found.getJsonArray(0).getJsonObject(0).getString("traceId"), "its trace");
  }

  /** The trace's spans as Zipkin's UI reads them ({@code GET /api/v2/trace/{id}}). */
  private static List<JsonObject> spans(ZipkinServer zipkin, String traceId) {
    HttpResponse<String> response = Http.get(zipkin.baseUrl() + "/api/v2/trace/" + traceId);
    if (response.statusCode() == 404) {
      return List.of(); // none of its spans arrived yet
    }
    assertEquals(200, response.statusCode(), response.body());
    return Http.jsonArray(response).getValuesAs(JsonObject.class);
  }

  private static void assertChild(JsonObject parent, JsonObject child, String kind, String why) {
    assertEquals(parent.getString("id"), child.getString("parentId", null), why + ": " + child);
    assertEquals(kind, child.getString("kind"), child.toString());
    assertEquals(
        Topics.USER_EVENTS, child.getJsonObject("tags").getString("messaging.destination.name"));
  }

  private static JsonObject find(List<JsonObject> spans, String service, String name) {
    return spans.stream()
        .filter(s -> s.getString("name", "").equals(name))
        .filter(s -> s.getJsonObject("localEndpoint").getString("serviceName").equals(service))
        .findFirst()
        .orElse(null);
  }

  /** Microseconds since the epoch. */
  private static long start(JsonObject span) {
    assertNotNull(span.getJsonNumber("timestamp"), "a start time: " + span);
    return span.getJsonNumber("timestamp").longValue();
  }

  /** Microseconds; Zipkin leaves the field out of a span shorter than one. */
  private static long duration(JsonObject span) {
    return span.containsKey("duration") ? span.getJsonNumber("duration").longValue() : 0;
  }
}
