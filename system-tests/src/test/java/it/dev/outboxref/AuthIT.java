package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.TokenMint;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.OtlpReceiver;
import it.dev.outboxref.support.OtlpReceiver.ReceivedSpan;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.Tokens;
import it.dev.outboxref.support.UserEventsTopic;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in and who may change what, at both services: tokens from the user service's sign-in, and
 * every kind of token an attacker would try instead.
 */
@ExtendWith(StackExtension.class)
class AuthIT {

  @Test
  void signInAnswersAShortLivedRs256TokenForTheUser(Stack stack) throws Exception {
    UsersApi users = new UsersApi(stack.userService());
    JsonObject user = users.register("signin");
    String id = user.getString("id");
    HttpResponse<String> response =
        Tokens.signIn(stack.userService(), user.getString("email"), UsersApi.PASSWORD, null);
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("no-store"));
    JsonObject answer = Http.json(response);
    assertEquals("Bearer", answer.getString("token_type"));
    assertEquals(900, answer.getInt("expires_in"));

    SignedJWT jwt = SignedJWT.parse(answer.getString("access_token"));
    assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertEquals(id, claims.getSubject());
    assertEquals(TokenMint.ISSUER, claims.getIssuer());
    assertEquals(List.of(TokenMint.AUDIENCE), claims.getAudience());
    assertEquals(
        Duration.ofMinutes(15),
        Duration.between(
            claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()));
    String jwks = Http.get(stack.jwksUrl()).body();
    assertTrue(jwks.contains("\"kid\":\"" + jwt.getHeader().getKeyID() + "\""), jwks);
    assertFalse(jwks.contains("\"d\":"), "the JWKS publishes no private part: " + jwks);
  }

  @Test
  void everyWriteWithoutATokenIs401(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    PostsApi posts = new PostsApi(stack);
    String id = users.register("anonymous").getString("id");
    String post = Http.json(posts.create(id, "Mine", "Text")).getString("id");

    List<HttpResponse<String>> refused =
        List.of(
            users.patchAs(null, id, "{\"name\":\"Anon\"}", null),
            users.deleteAs(null, id, null),
            users.changePasswordAs(null, id, UsersApi.PASSWORD, "a whole new passphrase"),
            posts.createAs(null, id, "t", "c"),
            posts.postAs(null, Service.POST.apiPath(), "{\"title\":\"t\",\"content\":\"c\"}"),
            posts.patchAs(null, post, "{\"title\":\"Anon\"}", null),
            posts.deleteAs(null, post));
    for (HttpResponse<String> response : refused) {
      assertProblem(401, response);
      assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }
    assertEquals("Name of anonymous", Http.json(users.get("/" + id)).getString("name"));
    assertEquals("Mine", Http.json(posts.get("/" + post)).getString("title"));
  }

  @Test
  void anotherUsersTokenIs403AndChangesNothing(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    PostsApi posts = new PostsApi(stack);
    String victim = users.register("victim").getString("id");
    String attacker = users.register("attacker").getString("id");
    String post = Http.json(posts.create(victim, "Victim's", "Text")).getString("id");
    String token = users.tokenOf(attacker);

    List<HttpResponse<String>> refused =
        List.of(
            users.patchAs(token, victim, "{\"name\":\"Pwned\"}", null),
            users.deleteAs(token, victim, null),
            users.changePasswordAs(token, victim, UsersApi.PASSWORD, "a whole new passphrase"),
            posts.createAs(token, victim, "As the victim", "c"),
            posts.patchAs(token, post, "{\"title\":\"Pwned\"}", null),
            posts.deleteAs(token, post));
    for (HttpResponse<String> response : refused) {
      assertProblem(403, response);
    }
    assertEquals("Name of victim", Http.json(users.get("/" + victim)).getString("name"));
    assertEquals(1, Http.json(users.get("/" + victim)).getInt("version"));
    assertEquals("Victim's", Http.json(posts.get("/" + post)).getString("title"));
    assertEquals(1, posts.count("?authorId=" + victim));
    assertEquals(
        200,
        Tokens.signIn(stack.userService(), Tokens.emailOf(victim), UsersApi.PASSWORD, null)
            .statusCode());

    // without authorId, a post is the caller's own
    HttpResponse<String> own =
        posts.postAs(token, Service.POST.apiPath(), "{\"title\":\"t\",\"content\":\"c\"}");
    assertEquals(201, own.statusCode(), own.body());
    assertEquals(attacker, Http.json(own).getJsonObject("author").getString("id"));
  }

  @Test
  void forgedExpiredAndMisdirectedTokensAreRefusedByBothServices(Stack stack) throws Exception {
    UsersApi users = new UsersApi(stack.userService());
    PostsApi posts = new PostsApi(stack);
    String id = users.register("forgery").getString("id");
    String post = Http.json(posts.create(id, "Kept", "Text")).getString("id");
    String genuine = users.tokenOf(id);

    Map<String, String> tokens =
        Map.of(
            "expired",
            Tokens.forged(
                stack,
                c ->
                    c.issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))),
                id),
            "tampered signature",
            tamperedSignature(genuine),
            "tampered claims",
            tamperedClaims(genuine, UUID.randomUUID().toString()),
            "alg none",
            unsigned(TokenMint.claims(id).build()),
            "another key",
            TokenMint.sign(TokenMint.otherKey(), TokenMint.claims(id).build()),
            "another key under the real key id",
            TokenMint.sign(
                TokenMint.otherKey(),
                TokenMint.keyId(TokenMint.stackKey(stack)),
                TokenMint.claims(id).build()),
            "wrong issuer",
            Tokens.forged(stack, c -> c.issuer("https://evil.example.com/"), id),
            "wrong audience",
            Tokens.forged(stack, c -> c.audience("another-api"), id),
            "not a user id",
            Tokens.forged(stack, c -> c, "admin"));
    List<String> failures = new ArrayList<>();
    tokens.forEach(
        (kind, token) -> {
          check(
              failures,
              kind + " at the user service",
              users.patchAs(token, id, "{\"name\":\"Forged\"}", null));
          check(
              failures,
              kind + " at the post service",
              posts.patchAs(token, post, "{\"title\":\"Forged\"}", null));
          check(failures, kind + " creating a post", posts.createAs(token, id, "Forged", "c"));
        });
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertEquals("Name of forgery", Http.json(users.get("/" + id)).getString("name"));
    assertEquals("Kept", Http.json(posts.get("/" + post)).getString("title"));
    assertEquals(1, posts.count("?authorId=" + id));
    // the genuine token still works: the refusals above were about the tokens
    assertEquals(200, users.patchAs(genuine, id, "{\"name\":\"Genuine\"}", null).statusCode());
  }

  @Test
  void aDeletedUsersTokenIsRefusedByBothServices(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    PostsApi posts = new PostsApi(stack);
    String id = users.register("leaver").getString("id");
    String post = Http.json(posts.create(id, "Before", "Text")).getString("id");
    String token = users.tokenOf(id);
    assertEquals(204, users.deleteAs(token, id, null).statusCode());

    assertProblem(401, users.patchAs(token, id, "{\"name\":\"Back\"}", null));
    Poll.until(
        "the replica to learn of the deletion",
        Duration.ofSeconds(30),
        () -> posts.replica(id),
        row -> row.isPresent() && row.get().deleted());
    assertProblem(401, posts.patchAs(token, post, "{\"title\":\"After\"}", null));
    assertProblem(401, posts.createAs(token, id, "After", "c"));
    assertEquals("Before", Http.json(posts.get("/" + post)).getString("title"));
    assertEquals(
        401,
        Tokens.signIn(stack.userService(), Tokens.emailOf(id), UsersApi.PASSWORD, null)
            .statusCode(),
        "a deleted user cannot sign in");
  }

  @Test
  void failedSignInsSlowTheEmailDownAndAreLimitedPerClientAddress(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    JsonObject user = users.register("limited");
    String email = user.getString("email");
    for (int i = 0; i < 5; i++) {
      assertProblem(
          401, Tokens.signIn(stack.userService(), email, "wrong guess " + i, "203.0.113." + i));
    }
    HttpResponse<String> limited =
        Tokens.signIn(stack.userService(), email, UsersApi.PASSWORD, "203.0.113.99");
    assertProblem(429, limited);
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    // the email is slowed down (a second after five failures), not locked for the window
    assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
    assertEquals(
        200,
        Tokens.signIn(stack.userService(), other(users), UsersApi.PASSWORD, "203.0.113.99")
            .statusCode(),
        "another email from another address is not limited");

    String address = "198.51.100." + (1 + new java.util.Random().nextInt(250));
    for (int i = 0; i < 50; i++) {
      assertProblem(
          401,
          Tokens.signIn(
              stack.userService(),
              "nobody-" + UUID.randomUUID() + "@example.com",
              "guess",
              address));
    }
    HttpResponse<String> fromAddress =
        Tokens.signIn(stack.userService(), other(users), UsersApi.PASSWORD, address);
    assertProblem(429, fromAddress);
    assertTrue(fromAddress.headers().firstValue("Retry-After").isPresent());
  }

  /**
   * The time of a refusal is measured against two references: a wrong password (one password hash)
   * and a sign-in refused by the per-address limit before any hash (the HTTP round trip alone). An
   * unknown email must cost the hash too: its time over the round trip, as a share of the hash's,
   * is about 1; without the dummy hash it would be about 0.
   */
  @Test
  void anUnknownEmailAndAWrongPasswordGetTheSameAnswerInAboutTheSameTime(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      emails.add(users.register("timing" + i).getString("email"));
    }
    String limited = users.register("timing-limited").getString("email");
    String limitedAddress = "192.0.2.222";
    for (int i = 0; i < 50; i++) {
      Tokens.signIn(
          stack.userService(),
          "nobody-" + UUID.randomUUID() + "@example.com",
          "not the password",
          limitedAddress);
    }
    List<Long> wrongPassword = new ArrayList<>();
    List<Long> unknownEmail = new ArrayList<>();
    List<Long> refusedByTheLimit = new ArrayList<>();
    HttpResponse<String> wrong = null;
    HttpResponse<String> unknown = null;
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < emails.size(); i++) {
        String address = "192.0.2." + (round * 10 + i);
        long start = System.nanoTime();
        wrong = Tokens.signIn(stack.userService(), emails.get(i), "not the password", address);
        wrongPassword.add(System.nanoTime() - start);
        start = System.nanoTime();
        unknown =
            Tokens.signIn(
                stack.userService(),
                "nobody-" + UUID.randomUUID() + "@example.com",
                "not the password",
                address);
        unknownEmail.add(System.nanoTime() - start);
        start = System.nanoTime();
        assertEquals(
            429,
            Tokens.signIn(stack.userService(), limited, "not the password", limitedAddress)
                .statusCode());
        refusedByTheLimit.add(System.nanoTime() - start);
      }
    }
    assertEquals(401, wrong.statusCode());
    assertEquals(wrong.statusCode(), unknown.statusCode());
    assertEquals(wrong.body(), unknown.body());
    assertEquals(
        wrong.headers().firstValue("WWW-Authenticate"),
        unknown.headers().firstValue("WWW-Authenticate"));
    double roundTrip = median(refusedByTheLimit);
    double hashShare = (median(unknownEmail) - roundTrip) / (median(wrongPassword) - roundTrip);
    System.out.printf(
        "AuthIT: median sign-in refusal %.1f ms (wrong password), %.1f ms (unknown email), %.1f ms"
            + " (limited, no hash): the unknown email pays %.2f of the hash%n",
        median(wrongPassword) / 1e6, median(unknownEmail) / 1e6, roundTrip / 1e6, hashShare);
    assertTrue(
        hashShare > 0.5 && hashShare < 1.5,
        "an unknown email's refusal pays " + hashShare + " of a password hash");
  }

  @Test
  void emailsAreShownOnlyToTheirUser(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    JsonObject me = users.register("private");
    String id = me.getString("id");
    String other = users.register("curious").getString("id");

    assertFalse(Http.json(users.get("/" + id)).containsKey("email"), "anonymous");
    assertFalse(Http.json(users.getAs(users.tokenOf(other), "/" + id)).containsKey("email"));
    assertEquals(
        me.getString("email"),
        Http.json(users.getAs(users.tokenOf(id), "/" + id)).getString("email"));
    for (var item : Http.json(users.getAs(users.tokenOf(id), "?limit=100")).getJsonArray("items")) {
      JsonObject listed = item.asJsonObject();
      assertEquals(
          listed.getString("id").equals(id), listed.containsKey("email"), listed.toString());
    }
  }

  @Test
  void aPasswordChangeNeedsTheCurrentPasswordAndRevokesEveryEarlierToken(Stack stack)
      throws Exception {
    UsersApi users = new UsersApi(stack.userService());
    PostsApi posts = new PostsApi(stack);
    JsonObject user = users.register("rekey");
    String id = user.getString("id");
    String email = user.getString("email");
    String stolen = users.tokenOf(id);
    assertEquals(201, posts.createAs(stolen, id, "Before", "c").statusCode());

    assertProblem(
        403, users.changePasswordAs(stolen, id, "not the current one", "a brand new passphrase"));
    assertProblem(400, users.changePasswordAs(stolen, id, UsersApi.PASSWORD, "short"));
    assertEquals(
        204,
        users
            .changePasswordAs(stolen, id, UsersApi.PASSWORD, "a brand new passphrase")
            .statusCode());

    // the token from before the change is refused by the user service at once
    assertProblem(401, users.patchAs(stolen, id, "{\"name\":\"Thief\"}", null));
    assertProblem(
        401, users.changePasswordAs(stolen, id, "a brand new passphrase", "the thief's choice!"));
    // and by the post service once the change reached its replica
    Poll.until(
        "the post service to refuse the token from before the password change",
        Duration.ofSeconds(30),
        () -> posts.createAs(stolen, id, "After", "c").statusCode(),
        status -> status == 401);
    assertProblem(401, posts.createAs(stolen, id, "After", "c"));

    assertProblem(401, Tokens.signIn(stack.userService(), email, UsersApi.PASSWORD, "192.0.2.200"));
    Tokens.registered(id, email, "a brand new passphrase");
    String fresh = users.tokenOf(id);
    assertEquals(201, posts.createAs(fresh, id, "With the new password", "c").statusCode());
    assertEquals(2, Http.json(users.get("/" + id)).getInt("version"), "a published change");
    try (UserEventsTopic topic = new UserEventsTopic(stack)) {
      var events = topic.awaitVersions(Map.of(id, 2L), Duration.ofSeconds(30)).get(id);
      var changed = events.get(events.size() - 1).event();
      assertTrue(changed.hasCredentialsChanged(), changed.toString());
      assertEquals(2, changed.getCredentialVersion());
      String raw = new String(events.get(events.size() - 1).rawValue(), StandardCharsets.UTF_8);
      assertFalse(raw.contains("a brand new passphrase"), "the event carries the password");
    }
  }

  @Test
  void deletingAnAccountNeedsTheCurrentPassword(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    String id = users.register("careful").getString("id");
    String stolen = users.tokenOf(id);

    assertProblem(400, users.deleteAs(stolen, id, null, null));
    assertProblem(403, users.deleteAs(stolen, id, null, "a guess at the password"));
    assertEquals(200, users.get("/" + id).statusCode(), "still there");
    assertEquals(204, users.deleteAs(stolen, id, null, UsersApi.PASSWORD).statusCode());
    assertEquals(404, users.get("/" + id).statusCode());
  }

  @Test
  void noTokenOrPasswordInAnyLogSpanOrEvent(Stack stack, OtlpReceiver otlp) throws Exception {
    UsersApi users = new UsersApi(stack.userService());
    PostsApi posts = new PostsApi(stack);
    String id = users.register("secretive").getString("id");
    String email = Tokens.emailOf(id);
    String token = users.tokenOf(id);
    // what put an email and a token into the logs: a taken email, a token with a bad signature
    assertEquals(
        409,
        users.post(UsersApi.registration(email, "again", UsersApi.PASSWORD)).statusCode(),
        "the email is taken");
    assertEquals(
        401, users.patchAs(tamperedSignature(token), id, "{\"name\":\"X\"}", null).statusCode());
    assertEquals(200, users.patch(id, "{\"name\":\"Secretive\"}", null).statusCode());
    assertEquals(201, posts.create(id, "Secret", "Text").statusCode());
    assertEquals(
        204,
        users.changePasswordAs(token, id, UsersApi.PASSWORD, "another secret phrase").statusCode());
    Tokens.registered(id, Tokens.emailOf(id), "another secret phrase");
    String signature = token.substring(token.lastIndexOf('.') + 1);
    String claims = token.split("\\.")[1];
    try (UserEventsTopic topic = new UserEventsTopic(stack)) {
      for (var event : topic.awaitVersions(Map.of(id, 2L), Duration.ofSeconds(30)).get(id)) {
        String raw = new String(event.rawValue(), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(signature), "an event carries the token");
        assertFalse(raw.contains("another secret phrase"), "an event carries the password");
        assertFalse(raw.contains(email), "an event carries the email");
      }
    }
    Poll.until(
        "the spans of the post creation",
        Duration.ofSeconds(30),
        otlp::spans,
        spans -> spans.stream().anyMatch(s -> s.raw().toString().contains(id)));
    for (ReceivedSpan span : otlp.spans()) {
      String all = span.name() + span.raw();
      assertFalse(all.contains(signature), "a token in span " + span.name());
      assertFalse(all.contains("another secret phrase"), "a password in span " + span.name());
    }
    for (var service : List.of(stack.userService(), stack.postService())) {
      // messages.log, console.log and the FFDC incidents (which the console copies too)
      try (var files = Files.walk(service.messagesLog().getParent())) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String log = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          assertFalse(log.contains(signature), "a token in " + file);
          // Liberty's FFDC incident and its messages about a refused token quote it; they stay
          // in logs/ffdc and trace.log, and reach neither messages.log nor the console
          // (docs/security.md)
          if (!file.getParent().getFileName().toString().equals("ffdc")
              && !file.getFileName().toString().equals("trace.log")) {
            assertFalse(log.contains(claims), "a refused token in " + file);
          }
          assertFalse(log.contains("another secret phrase"), "a password in " + file);
          assertFalse(log.contains(email), "an email in " + file);
        }
      }
    }
  }

  private static void check(List<String> failures, String what, HttpResponse<String> response) {
    if (response.statusCode() != 401
        || !Http.contentType(response).startsWith("application/problem+json")) {
      failures.add(what + ": " + response.statusCode() + " " + response.body());
    }
  }

  private static void assertProblem(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(
        Http.contentType(response).startsWith("application/problem+json"),
        Http.contentType(response));
    assertEquals(status, Http.json(response).getInt("status"));
    assertNotNull(Http.json(response).getString("detail"));
  }

  private static String other(UsersApi users) {
    return users.register("bystander").getString("email");
  }

  private static String tamperedSignature(String token) {
    int last = token.length() - 5;
    char c = token.charAt(last);
    return token.substring(0, last) + (c == 'A' ? 'B' : 'A') + token.substring(last + 1);
  }

  private static String tamperedClaims(String token, String subject) throws Exception {
    String[] parts = token.split("\\.");
    SignedJWT jwt = SignedJWT.parse(token);
    String claims =
        new JWTClaimsSet.Builder(jwt.getJWTClaimsSet()).subject(subject).build().toString();
    return parts[0] + "." + base64Url(claims) + "." + parts[2];
  }

  private static String unsigned(JWTClaimsSet claims) {
    return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")
        + "."
        + base64Url(claims.toString())
        + ".";
  }

  private static String base64Url(String json) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
