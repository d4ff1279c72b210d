package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

/**
 * Without the broker the post service (fed by Kafka) is not ready; the user service stays ready,
 * because its writes wait in the outbox, and says in its readiness data that Kafka is unreachable.
 */
@ExtendWith(StackExtension.class)
class KafkaOutageIT {

  @Test
  void readinessReportsTheBrokerAndRecoversWhenItReturns(Stack stack) {
    stack.broker().stop();
    try {
      HttpResponse<String> post =
          Poll.until(
              "post-service readiness DOWN without Kafka",
              Duration.ofSeconds(30),
              () -> Http.get(stack.postService().baseUrl() + "/health/ready"),
              r -> r.statusCode() == 503);
      assertEquals("DOWN", Health.checks(Http.json(post)).get("kafka").getString("status"));

      JsonObject user = Health.body(stack.userService(), "/health/ready");
      assertEquals("UP", user.getString("status"), user.toString());
      JsonObject kafka = Health.checks(user).get("kafka");
      assertFalse(kafka.getJsonObject("data").getBoolean("reachable"), kafka.toString());
    } finally {
      stack.broker().start();
    }
    Poll.until(
        "post-service readiness UP with Kafka back",
        Duration.ofSeconds(60),
        () -> Http.get(stack.postService().baseUrl() + "/health/ready"),
        r -> r.statusCode() == 200);
    JsonObject kafka =
        Health.checks(Health.body(stack.userService(), "/health/ready")).get("kafka");
    assertEquals(true, kafka.getJsonObject("data").getBoolean("reachable"), kafka.toString());
  }
}
