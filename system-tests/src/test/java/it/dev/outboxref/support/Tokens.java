package it.dev.outboxref.support;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.TokenMint;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Access tokens for the tests. Users the tests registered sign in as a client does (the token is
 * kept for a few minutes, well inside its lifetime); tests of refusals forge tokens, signed with
 * the stack's own key or another one.
 */
public final class Tokens {

  private record Kept(String token, Instant obtained) {}

  private record Credentials(String email, String password) {}

  private static final Map<String, Credentials> CREDENTIALS = new ConcurrentHashMap<>();
  private static final Map<String, Kept> KEPT = new ConcurrentHashMap<>();
  private static final Duration KEEP = Duration.ofMinutes(5);

  private Tokens() {}

  /** Remembers a registered user's email and password, to sign in as them later. */
  public static void registered(String userId, String email, String password) {
    CREDENTIALS.put(userId, new Credentials(email, password));
    KEPT.remove(userId);
  }

  public static String emailOf(String userId) {
    return CREDENTIALS.get(userId).email();
  }

  /** The password a registered user has now (as far as these tests changed it). */
  public static String passwordOf(String userId) {
    return CREDENTIALS.get(userId).password();
  }

  public static boolean isRegistered(String userId) {
    return CREDENTIALS.containsKey(userId);
  }

  /** A token of a user the tests registered, from the user service's sign-in. */
  public static String of(LibertyServer userService, String userId) {
    Credentials credentials = CREDENTIALS.get(userId);
    if (credentials == null) {
      throw new AssertionError("user " + userId + " was not registered by UsersApi");
    }
    Kept kept = KEPT.get(userId);
    if (kept == null || kept.obtained().plus(KEEP).isBefore(Instant.now())) {
      HttpResponse<String> response =
          signIn(userService, credentials.email(), credentials.password(), null);
      if (response.statusCode() != 200) {
        throw new AssertionError("sign-in: " + response.statusCode() + " " + response.body());
      }
      kept = new Kept(Http.json(response).getString("access_token"), Instant.now());
      KEPT.put(userId, kept);
    }
    return kept.token();
  }

  /** POST /api/auth/token, from {@code clientAddress} (X-Forwarded-For) when given. */
  public static HttpResponse<String> signIn(
      LibertyServer userService, String email, String password, String clientAddress) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(userService.baseUrl() + "/api/auth/token"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password)));
    if (clientAddress != null) {
      request.header("X-Forwarded-For", clientAddress);
    }
    return Http.send(request);
  }

  /** A token signed with the stack's signing key, as the user service would sign it. */
  public static String forged(
      Stack stack, UnaryOperator<JWTClaimsSet.Builder> claims, String userId) {
    return TokenMint.sign(
        TokenMint.stackKey(stack), claims.apply(TokenMint.claims(userId)).build());
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }
}
