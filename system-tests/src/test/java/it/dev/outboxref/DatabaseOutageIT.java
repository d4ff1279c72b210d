package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Health;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.StackExtension;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Readiness follows the database: DOWN while PostgreSQL is stopped, UP again once it is back. */
@ExtendWith(StackExtension.class)
class DatabaseOutageIT {

  @Test
  void readinessGoesDownWithTheDatabaseAndUpWhenItReturns(Stack stack) {
    LibertyServer[] services = {stack.userService(), stack.postService()};
    stack.database().stop();
    try {
      for (LibertyServer service : services) {
        HttpResponse<String> ready =
            Poll.until(
                service.instance() + " readiness DOWN without its database",
                Duration.ofSeconds(30),
                () -> Http.get(service.baseUrl() + "/health/ready"),
                r -> r.statusCode() == 503);
        JsonObject database = Health.checks(Http.json(ready)).get("database");
        assertEquals("DOWN", database.getString("status"), ready.body());
        // liveness is not the database's business: a restart would not bring it back
        assertEquals("UP", Health.status(service, "/health/live"));
      }
    } finally {
      stack.database().start();
    }
    for (LibertyServer service : services) {
      HttpResponse<String> ready =
          Poll.until(
              service.instance() + " readiness UP with its database back",
              Duration.ofSeconds(60),
              () -> Http.get(service.baseUrl() + "/health/ready"),
              r -> r.statusCode() == 200);
      assertEquals("UP", Health.checks(Http.json(ready)).get("database").getString("status"));
    }
  }
}
