package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.Tokens;
import it.dev.outboxref.support.UsersApi;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request limits against the running user service (docs/security.md): they key on an address a
 * client cannot pick, slow an attacked account down without locking its owner out, hold parallel
 * guesses to the limit, and bound registrations. The tests' stack trusts the loopback as a proxy
 * (StackExtension), so a test names its client's address in X-Forwarded-For.
 */
@ExtendWith(StackExtension.class)
class RequestLimitsIT {

  @Test
  void aForgedForwardedForFromAnUntrustedClientDoesNotChangeItsAddress(Stack stack) {
    // connected from a non-loopback address of this machine, the test is an untrusted client
    String base = "http://" + uriHost(nonLoopbackAddress()) + ":" + stack.userService().httpPort();
    // each guess names a new address of its own; the limit of 50 failures per address must still
    // end them (sooner, if other tests' guesses happened to name this machine's address)
    HttpResponse<String> limited = null;
    int checked = 0;
    for (int i = 0; i < 60 && limited == null; i++) {
      HttpResponse<String> guess = signIn(base, "nobody-" + UUID.randomUUID(), "203.0.113." + i);
      if (guess.statusCode() == 401) {
        checked++;
      } else {
        limited = guess;
      }
    }
    assertTrue(limited != null, "60 guesses with forged X-Forwarded-For escaped the address limit");
    assertEquals(429, limited.statusCode(), limited.body());
    assertTrue(checked <= 50, checked + " guesses checked");
    assertTrue(limited.headers().firstValue("Retry-After").isPresent());
  }

  @Test
  void theOwnerOfAHammeredAccountSignsInAfterAShortDelay(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    String email = users.register("hammered").getString("email");
    int failed = 0;
    for (int i = 0; i < 40; i++) {
      HttpResponse<String> guess =
          Tokens.signIn(stack.userService(), email, "guess " + i, "203.0.113.66");
      if (guess.statusCode() == 401) {
        failed++;
      } else {
        assertEquals(429, guess.statusCode(), guess.body());
      }
    }
    assertTrue(failed >= 5, "the first five guesses are checked, " + failed);

    HttpResponse<String> first =
        Tokens.signIn(stack.userService(), email, UsersApi.PASSWORD, "198.51.100.66");
    if (first.statusCode() == 429) {
      long retryAfter = Long.parseLong(first.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter <= 60, "the owner waits at most a minute, not " + retryAfter + " s");
    }
    Poll.until(
        "the owner to sign in from their own address",
        Duration.ofSeconds(30),
        () -> Tokens.signIn(stack.userService(), email, UsersApi.PASSWORD, "198.51.100.66"),
        response -> response.statusCode() == 200);
  }

  @Test
  void parallelBurstsOfWrongGuessesAreHeldToTheLimit(Stack stack) throws Exception {
    UsersApi users = new UsersApi(stack.userService());
    String email = users.register("burst").getString("email");
    int perBurst = 12;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2 * perBurst);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (String address : List.of("203.0.113.77", "203.0.113.78")) {
        for (int i = 0; i < perBurst; i++) {
          String guess = "parallel guess " + i;
          answers.add(
              pool.submit(
                  () -> {
                    start.await();
                    return Tokens.signIn(stack.userService(), email, guess, address);
                  }));
        }
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<HttpResponse<String>> answer : answers) {
        statuses.add(answer.get().statusCode());
      }
      int checked = Collections.frequency(statuses, 401);
      int refused = Collections.frequency(statuses, 429);
      System.out.printf(
          "RequestLimitsIT: %d parallel wrong guesses: %d checked, %d refused%n",
          statuses.size(), checked, refused);
      assertEquals(statuses.size(), checked + refused, statuses.toString());
      assertTrue(checked <= 5, "only the five free guesses are checked, not " + checked);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBurstOfRegistrationsFromOneAddressIsRefusedAfterTheLimit(Stack stack) {
    String address = "203.0.113.88";
    int created = 0;
    HttpResponse<String> refused = null;
    for (int i = 0; i < 30 && refused == null; i++) {
      HttpResponse<String> response =
          Http.send(
              HttpRequest.newBuilder(
                      URI.create(stack.userService().baseUrl() + Service.USER.apiPath()))
                  .header("Content-Type", "application/json")
                  .header("X-Forwarded-For", address)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          UsersApi.registration(
                              "burst-" + UUID.randomUUID() + "@example.com",
                              "burst",
                              UsersApi.PASSWORD))));
      if (response.statusCode() == 201) {
        created++;
      } else {
        refused = response;
      }
    }
    assertEquals(10, created, "registrations before the limit (auth.registration.max-per-address)");
    assertEquals(429, refused.statusCode(), refused.body());
    assertTrue(Http.contentType(refused).startsWith("application/problem+json"));
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= 600, "Retry-After " + retryAfter);
  }

  private static HttpResponse<String> signIn(String base, String email, String forwardedFor) {
    return Http.send(
        HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", forwardedFor)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"email\":\"%s@example.com\",\"password\":\"guess\"}".formatted(email))));
  }

  /** An address of this machine other than the loopback, the service listening on every one. */
  private static InetAddress nonLoopbackAddress() {
    try {
      return NetworkInterface.networkInterfaces()
          .filter(nic -> isUp(nic))
          .flatMap(NetworkInterface::inetAddresses)
          .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
          .min(
              (a, b) -> Boolean.compare(!(a instanceof Inet4Address), !(b instanceof Inet4Address)))
          .orElseThrow(() -> new AssertionError("this machine has no non-loopback address"));
    } catch (SocketException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isUp(NetworkInterface nic) {
    try {
      return nic.isUp() && !nic.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }

  private static String uriHost(InetAddress address) {
    String host = address.getHostAddress();
    int zone = host.indexOf('%');
    host = zone < 0 ? host : host.substring(0, zone);
    return address instanceof Inet4Address ? host : "[" + host + "]";
  }
}
