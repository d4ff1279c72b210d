package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Health;
import it.dev.outboxref.support.StackExtension;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class HealthIT {

  @Test
  void bothServicesAreLiveStartedAndReadyWithTheirDatabaseAndKafka(Stack stack) {
    for (LibertyServer service : List.of(stack.userService(), stack.postService())) {
      String module = service.service().module();
      assertEquals("UP", Health.status(service, "/health/live"), service.instance() + " live");

      JsonObject started = Health.body(service, "/health/started");
      assertEquals("UP", started.getString("status"), service.instance() + " started: " + started);
      assertEquals(
          latestMigration(module),
          Health.checks(started).get("schema").getJsonObject("data").getString("version"),
          "the schema is at the newest migration of " + module);

      JsonObject ready = Health.body(service, "/health/ready");
      assertEquals("UP", ready.getString("status"), service.instance() + " ready: " + ready);
      Map<String, JsonObject> checks = Health.checks(ready);
      assertEquals("UP", checks.get("database").getString("status"));
      assertEquals(true, checks.get("kafka").getJsonObject("data").getBoolean("reachable"));
    }
  }

  /** The highest version among the module's Flyway migrations (V<n>__*.sql). */
  static String latestMigration(String module) {
    Path dir = Path.of("..", module, "src", "main", "resources", "db", "migration");
    try (Stream<Path> files = Files.list(dir)) {
      return Integer.toString(
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.matches("V\\d+__.*\\.sql"))
              .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
              .max()
              .orElseThrow());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
