package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Stack;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class HealthIT {

  @Test
  void bothServicesAreLiveStartedAndReadyWithTheirDatabaseAndKafka(Stack stack) {
    for (LibertyServer service : new LibertyServer[] {stack.userService(), stack.postService()}) {
      assertEquals("UP", status(service, "/health/live"), service.instance() + " live");

      JsonObject started = body(service, "/health/started");
      assertEquals("UP", started.getString("status"), service.instance() + " started: " + started);
      assertEquals("1", checks(started).get("schema").getJsonObject("data").getString("version"));

      JsonObject ready = body(service, "/health/ready");
      assertEquals("UP", ready.getString("status"), service.instance() + " ready: " + ready);
      Map<String, JsonObject> checks = checks(ready);
      assertEquals("UP", checks.get("database").getString("status"));
      assertEquals(true, checks.get("kafka").getJsonObject("data").getBoolean("reachable"));
    }
  }

  static String status(LibertyServer service, String path) {
    return body(service, path).getString("status");
  }

  static JsonObject body(LibertyServer service, String path) {
    HttpResponse<String> response = Http.get(service.baseUrl() + path);
    return Http.json(response);
  }

  static Map<String, JsonObject> checks(JsonObject health) {
    return health.getJsonArray("checks").stream()
        .map(JsonValue::asJsonObject)
        .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
  }
}
