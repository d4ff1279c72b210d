package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.descriptor.Topics;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.OtlpReceiver;
import it.dev.outboxref.support.OtlpReceiver.ReceivedSpan;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.Tokens;
import it.dev.outboxref.support.Traceparent;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One trace per user change, from the HTTP request through the outbox, the relay's publish and
 * Kafka to the post service's replica update; and the post service's gRPC call inside the trace of
 * a post creation. The spans arrive over real OTLP at the test's receiver.
 */
@ExtendWith(StackExtension.class)
class TelemetryIT {

  @Test
  void aRegistrationIsOneTraceFromTheRequestToTheReplicaUpdate(Stack stack, OtlpReceiver otlp)
      throws Exception {
    Traceparent caller = Traceparent.random();
    String traceId = caller.traceId();
    String clientSpanId = caller.spanId();
    String email = "traced-" + UUID.randomUUID() + "@example.com";
    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(
                    URI.create(stack.userService().baseUrl() + Service.USER.apiPath()))
                .header("Content-Type", "application/json")
                .header("traceparent", caller.header())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"email":"%s","name":"Traced","nickname":"traced","password":"%s"}"""
                            .formatted(email, UsersApi.PASSWORD))));
    assertEquals(201, response.statusCode(), response.body());
    String userId = Http.json(response).getString("id");

    List<ReceivedSpan> trace =
        Poll.until(
            "the trace's spans from both services (each exports in its own batches)",
            Duration.ofSeconds(30),
            () -> otlp.trace(traceId),
            spans ->
                find(spans, Service.USER.appName(), "POST /api/users") != null
                    && find(spans, Service.USER.appName(), "create user-events") != null
                    && find(spans, Service.USER.appName(), "send user-events") != null
                    && find(spans, Service.POST.appName(), "process user-events") != null);

    ReceivedSpan server = find(trace, Service.USER.appName(), "POST /api/users");
    assertTrue(server != null, "HTTP server span: " + trace);
    assertEquals(SpanKind.SPAN_KIND_SERVER, server.kind());
    assertEquals(clientSpanId, server.parentSpanId(), "continues the caller's trace");
    assertEquals("POST", server.attributes().get("http.request.method"));
    assertEquals(Service.USER.apiPath(), server.attributes().get("http.route"));
    assertEquals("201", server.attributes().get("http.response.status_code"));

    ReceivedSpan create = find(trace, Service.USER.appName(), "create user-events");
    assertEquals(server.spanId(), create.parentSpanId(), "outbox write inside the request");
    assertEquals(SpanKind.SPAN_KIND_PRODUCER, create.kind());
    assertMessaging(create, "create", userId);

    ReceivedSpan send = find(trace, Service.USER.appName(), "send user-events");
    assertEquals(create.spanId(), send.parentSpanId(), "the relay continues the stored context");
    assertEquals(SpanKind.SPAN_KIND_PRODUCER, send.kind());
    assertMessaging(send, "send", userId);
    assertTrue(
        send.attributes().containsKey("outboxref.outbox.delay_ms"), send.attributes().toString());
    assertTrue(send.startNanos() >= create.endNanos(), "published after the write");

    ReceivedSpan process = find(trace, Service.POST.appName(), "process user-events");
    assertEquals(send.spanId(), process.parentSpanId(), "the record carried the publish span");
    assertEquals(SpanKind.SPAN_KIND_CONSUMER, process.kind());
    assertMessaging(process, "process", userId);
    assertEquals("post-service", process.attributes().get("messaging.consumer.group.name"));
    assertEquals("applied", process.attributes().get("outboxref.replica.outcome"));

    assertNoSecrets(otlp.spans());
    assertLogLineCarriesTheTrace(stack, userId, traceId, server.spanId());
  }

  @Test
  void aPostCreationTraceHoldsTheGrpcCallToTheUserService(Stack stack, OtlpReceiver otlp) {
    Traceparent caller = Traceparent.random();
    String traceId = caller.traceId();
    String authorId = UUID.randomUUID().toString();
    HttpResponse<String> response =
        Http.send(
            HttpRequest.newBuilder(
                    URI.create(stack.postService().baseUrl() + Service.POST.apiPath()))
                .header("Content-Type", "application/json")
                .header("traceparent", caller.header())
                .header("Authorization", Tokens.bearer(new PostsApi(stack).tokenOf(authorId)))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"authorId":"%s","title":"t","content":"c"}"""
                            .formatted(authorId))));
    // an author the replica does not know: the post service asks the user service, which says no
    assertEquals(422, response.statusCode(), response.body());

    List<ReceivedSpan> trace =
        Poll.until(
            "the post service's server span and the gRPC server span (each service exports its"
                + " spans in its own batches)",
            Duration.ofSeconds(30),
            () -> otlp.trace(traceId),
            spans ->
                find(spans, Service.POST.appName(), "POST /api/posts") != null
                    && spans.stream()
                        .anyMatch(
                            s ->
                                s.service().equals(Service.USER.appName())
                                    && s.kind() == SpanKind.SPAN_KIND_SERVER));
    ReceivedSpan server = find(trace, Service.POST.appName(), "POST /api/posts");
    assertTrue(server != null, trace.toString());
    ReceivedSpan client =
        find(trace, Service.POST.appName(), "outboxref.users.v1.UserDirectory/GetUser");
    assertTrue(client != null, trace.toString());
    assertEquals(SpanKind.SPAN_KIND_CLIENT, client.kind());
    assertEquals(server.spanId(), client.parentSpanId());
    assertEquals("grpc", client.attributes().get("rpc.system"));
    assertEquals("outboxref.users.v1.UserDirectory", client.attributes().get("rpc.service"));
    assertEquals("GetUser", client.attributes().get("rpc.method"));
    assertEquals("5", client.attributes().get("rpc.grpc.status_code"), "NOT_FOUND");
    ReceivedSpan grpcServer =
        trace.stream()
            .filter(s -> s.service().equals(Service.USER.appName()))
            .filter(s -> s.kind() == SpanKind.SPAN_KIND_SERVER)
            .findFirst()
            .orElseThrow();
    assertEquals(client.spanId(), grpcServer.parentSpanId(), "context crossed in gRPC metadata");
  }

  private static void assertMessaging(ReceivedSpan span, String operation, String userId) {
    assertEquals("kafka", span.attributes().get("messaging.system"), span.toString());
    assertEquals(Topics.USER_EVENTS, span.attributes().get("messaging.destination.name"));
    assertEquals(operation, span.attributes().get("messaging.operation.type"));
    assertEquals(userId, span.attributes().get("messaging.kafka.message.key"));
    assertTrue(span.attributes().containsKey("messaging.message.id"), span.attributes().toString());
  }

  private static void assertNoSecrets(List<ReceivedSpan> spans) {
    for (ReceivedSpan span : spans) {
      String all = span.name() + span.raw().toString();
      assertFalse(all.contains(UsersApi.PASSWORD), "a password in span " + span);
      assertFalse(all.contains("pbkdf2"), "a password hash in span " + span);
    }
  }

  /** The service's JSON log line about the registration names the trace and the request's span. */
  private static void assertLogLineCarriesTheTrace(
      Stack stack, String userId, String traceId, String spanId) throws Exception {
    String line =
        Files.readAllLines(stack.userService().messagesLog()).stream()
            .filter(l -> l.contains("User " + userId + " registered"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no log line about " + userId));
    JsonObject json = Json.createReader(new StringReader(line)).readObject();
    assertEquals(traceId, json.getString("ext_traceId", null), line);
    assertEquals(spanId, json.getString("ext_spanId", null), line);
  }

  private static ReceivedSpan find(List<ReceivedSpan> spans, String service, String name) {
    return spans.stream()
        .filter(s -> s.service().equals(service) && s.name().equals(name))
        .findFirst()
        .orElse(null);
  }
}
