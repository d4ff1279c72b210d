package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.SteadyWriter;
import it.dev.outboxref.support.UsersApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A broker restart is routine (every rolling update does one): the broker is SIGKILLed while
 * profile changes flow at a steady rate, stays away for more than 20 s, and comes back with its
 * data. The post service is NOT restarted, and every acknowledged change must reach the replica
 * within 30 s of the broker's return. (On kafka-clients 4.1.1 with the liberty-kafka consumer the
 * incoming channel died here for good, KAFKA-20232, and health said UP.)
 */
@ExtendWith(StackExtension.class)
class ReplicaBrokerKillIT {

  private static final int USERS = 40;
  private static final long WRITES_PER_SECOND = 80;
  private static final Duration OUTAGE = Duration.ofSeconds(22);

  @Test
  void aKilledBrokerComesBackAndTheReplicaCatchesUpWithoutARestart(Stack stack) throws Exception {
    UsersApi users = new UsersApi(stack.userService());
    List<String> ids = users.registerMany("broker-kill", USERS);
    long postServicePid = stack.postService().pid();
    long brokerBack;
    SteadyWriter writer = new SteadyWriter(users, ids, WRITES_PER_SECOND);
    try (writer) {
      writer.awaitWrites(400);
      stack.broker().kill();
      long killedAt = System.nanoTime();
      Poll.until(
          "the broker to stay away " + OUTAGE.toSeconds() + " s while writes go on",
          OUTAGE.plusSeconds(30),
          () -> System.nanoTime() - killedAt,
          elapsed -> elapsed >= OUTAGE.toNanos());
      stack.broker().start();
      brokerBack = System.nanoTime();
      writer.awaitWrites(writer.count() + 400);
    }
    Map<String, Long> acknowledged = writer.acknowledged;

    PostsApi posts = new PostsApi(stack);
    Duration left =
        Duration.ofNanos(brokerBack + Duration.ofSeconds(30).toNanos() - System.nanoTime());
    Poll.until(
        "every acknowledged change in the replica within 30 s of the broker's return",
        left.isNegative() ? Duration.ZERO : left,
        () -> posts.behind(acknowledged),
        List::isEmpty);
    System.out.printf(
        "Replica caught up %.1f s after the broker's return (%d acknowledged changes)%n",
        (System.nanoTime() - brokerBack) / 1e9, writer.count());
    assertEquals(postServicePid, stack.postService().pid(), "the post service was not restarted");
    assertTrue(acknowledged.size() == USERS, "every user was changed: " + acknowledged.size());
  }
}
