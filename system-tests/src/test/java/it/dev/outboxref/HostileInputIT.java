package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.PostsApi;
import it.dev.outboxref.support.RawHttp;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.Tokens;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generated hostile requests against both APIs, byte for byte (bad percent-encoding, invalid UTF-8,
 * control characters, unpaired surrogates, wrong JSON types, duplicate keys, truncated bodies, odd
 * headers and queries): none gets a 5xx, every error is problem+json, and a refused request changes
 * no user and no post. {@code -Dfuzz.cases} (default 200 per API) and {@code -Dfuzz.seed} (random;
 * printed, so a failure can be replayed) run it longer or again.
 */
@ExtendWith(StackExtension.class)
class HostileInputIT {

  private static final int CASES = Integer.getInteger("fuzz.cases", 200);
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

  /** One generated request. */
  record Case(String method, String path, Map<String, String> headers, byte[] body) {
    @Override
    public String toString() {
      return method
          + " "
          + path
          + " "
          + headers
          + (body == null ? "" : " body " + new String(body, StandardCharsets.UTF_8));
    }
  }

  @Test
  void theUsersApiAnswersEveryHostileRequestWithAClean4xx(Stack stack) {
    UsersApi users = new UsersApi(stack.userService());
    String id = users.register("fuzz").getString("id");
    Random random = new Random(SEED);
    fuzz(
        stack,
        stack.userService(),
        users.tokenOf(id),
        random,
        r ->
            switch (r.nextInt(5)) {
              case 0 ->
                  json(
                      r,
                      "POST",
                      Service.USER.apiPath(),
                      registration(),
                      Map.of("email", 254, "name", 100, "nickname", 50, "password", 128));
              case 1 ->
                  json(
                      r,
                      "PATCH",
                      Service.USER.apiPath() + "/" + id,
                      profile(),
                      Map.of("name", 100, "nickname", 50));
              case 2 -> get(Service.USER.apiPath() + "/" + hostilePathSegment(r, id), r);
              case 3 -> get(Service.USER.apiPath() + "?" + hostileQuery(r, "cursor", "limit"), r);
              default ->
                  new Case(
                      r.nextBoolean() ? "DELETE" : "PUT",
                      Service.USER.apiPath() + "/" + hostilePathSegment(r, "not-" + id),
                      headers(r),
                      null);
            });
  }

  @Test
  void thePostsApiAnswersEveryHostileRequestWithAClean4xx(Stack stack) {
    String author = new UsersApi(stack.userService()).register("fuzz-author").getString("id");
    PostsApi posts = new PostsApi(stack);
    String post = Http.json(posts.create(author, "A title", "Some content")).getString("id");
    Random random = new Random(SEED + 1);
    fuzz(
        stack,
        stack.postService(),
        posts.tokenOf(author),
        random,
        r ->
            switch (r.nextInt(5)) {
              case 0 ->
                  json(
                      r,
                      "POST",
                      Service.POST.apiPath(),
                      post(author),
                      Map.of("title", 200, "content", 10000));
              case 1 ->
                  json(
                      r,
                      "PATCH",
                      Service.POST.apiPath() + "/" + post,
                      Map.of("title", "\"A new title\"", "content", "\"New content\""),
                      Map.of("title", 200, "content", 10000));
              case 2 -> get(Service.POST.apiPath() + "/" + hostilePathSegment(r, post), r);
              case 3 ->
                  get(
                      Service.POST.apiPath()
                          + "?authorId="
                          + author
                          + "&"
                          + hostileQuery(r, "cursor", "limit"),
                      r);
              default ->
                  new Case(
                      r.nextBoolean() ? "DELETE" : "PUT",
                      Service.POST.apiPath() + "/" + hostilePathSegment(r, "not-" + post),
                      headers(r),
                      null);
            });
  }

  /**
   * Every case is sent with the token of the user it writes as (so that it reaches the validation
   * behind the sign-in check), unless the case brings a hostile Authorization header of its own.
   */
  private static void fuzz(
      Stack stack,
      LibertyServer server,
      String token,
      Random random,
      Function<Random, Case> generator) {
    System.out.println(
        "HostileInputIT: " + CASES + " cases on " + server.instance() + ", -Dfuzz.seed=" + SEED);
    int refused = 0;
    int containerRefusals = 0;
    for (int n = 0; n < CASES; n++) {
      Case c = generator.apply(random);
      String before = digest(stack);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Authorization", Tokens.bearer(token));
      headers.putAll(c.headers());
      RawHttp.Response response =
          RawHttp.send(server.httpPort(), c.method(), c.path(), headers, c.body());
      String where = "case " + n + " (seed " + SEED + "): " + c + " -> " + response;
      assertTrue(response.status() < 500, "5xx for " + where);
      if (response.status() >= 400) {
        refused++;
        if (refusedByTheWebContainer(c, response)) {
          containerRefusals++;
        } else {
          assertTrue(
              response.contentType().startsWith("application/problem+json"),
              "not problem+json: " + where);
          JsonObject problem = Json.createReader(new StringReader(response.body())).readObject();
          assertEquals(response.status(), problem.getInt("status"), where);
        }
        assertEquals(before, digest(stack), "a refused request changed data: " + where);
      }
    }
    System.out.println(
        "HostileInputIT: "
            + refused
            + " of "
            + CASES
            + " refused with a 4xx, "
            + containerRefusals
            + " of them by Liberty's web container before the application (CWWWC0005I)");
    assertTrue(refused > CASES / 2, "most generated requests are hostile: " + refused);
  }

  /**
   * The one refusal that is not problem+json: a path whose percent-encoding does not decode ({@code
   * %zz}, a lone {@code %}) or decodes to NUL ({@code %00}) is answered by Liberty's web container
   * (message CWWWC0005I, text/html) before any application code or error page runs; there is no
   * hook for it (docs/architecture.md, "Errors"). Still a 400 that changes nothing.
   */
  private static boolean refusedByTheWebContainer(Case c, RawHttp.Response response) {
    return c.path().contains("%")
        && response.status() == 400
        && response.contentType().startsWith("text/html")
        && response.body().contains("CWWWC0005I");
  }

  // ---- generators ---------------------------------------------------------------------------

  private static Map<String, String> registration() {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("email", "\"fuzz-" + UUID.randomUUID() + "@example.com\"");
    body.put("name", "\"Fuzz Name\"");
    body.put("nickname", "\"fuzz\"");
    body.put("password", "\"" + UsersApi.PASSWORD + "\"");
    return body;
  }

  private static Map<String, String> profile() {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("name", "\"Fuzz Renamed\"");
    body.put("nickname", "\"fuzzed\"");
    return body;
  }

  private static Map<String, String> post(String author) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("authorId", "\"" + author + "\"");
    body.put("title", "\"A fuzzed title\"");
    body.put("content", "\"Fuzzed content\"");
    return body;
  }

  /** A valid body with one hostile change, sent with a (mostly) JSON content type. */
  private static Case json(
      Random r, String method, String path, Map<String, String> valid, Map<String, Integer> max) {
    Map<String, String> body = new LinkedHashMap<>(valid);
    List<String> fields = new ArrayList<>(body.keySet());
    String field = fields.get(r.nextInt(fields.size()));
    byte[] bytes;
    switch (r.nextInt(9)) {
      case 0, 1, 2 -> body.put(field, hostileValue(r, max.getOrDefault(field, 100)));
      case 3 -> body.put(field + "\u0000", "\"x\""); // an unknown (and odd) key
      case 4 -> body.remove(field);
      default -> {}
    }
    String text = serialize(body);
    bytes = text.getBytes(StandardCharsets.UTF_8);
    switch (r.nextInt(12)) {
      case 0 -> bytes = withDuplicate(body, field, r).getBytes(StandardCharsets.UTF_8);
      case 1 -> bytes = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length + 1)); // truncated
      case 2 -> bytes = withInvalidUtf8(text, r);
      case 3 ->
          bytes =
              pick(r, "[]", "42", "\"text\"", "null", "", "{", "[[[[[[[[[[")
                  .getBytes(StandardCharsets.UTF_8);
      case 4 -> bytes = ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
      default -> {}
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "Content-Type",
        r.nextInt(6) == 0
            ? pick(
                r,
                "text/plain",
                "application/xml",
                "application/json; charset=ISO-8859-1",
                "application/x-www-form-urlencoded",
                "*/*",
                "application/json;;;")
            : "application/json");
    headers.putAll(headers(r));
    return new Case(method, path, headers, bytes);
  }

  private static String hostileValue(Random r, int max) {
    return switch (r.nextInt(16)) {
      case 0 -> "12";
      case 1 -> "true";
      case 2 -> "null";
      case 3 -> "1e999999";
      case 4 -> "[\"a\"]";
      case 5 -> "{\"a\":1}";
      case 6 -> "\"a\\u0000b\"";
      case 7 -> "\"a" + (char) (1 + r.nextInt(31)) + "b\""; // raw control character
      case 8 -> "\"a\\u" + String.format("%04x", 1 + r.nextInt(31)) + "b\"";
      case 9 -> "\"\\ud800\"";
      case 10 -> "\"x\\udfffy\"";
      case 11 -> "\"" + "😀".repeat(max + 1) + "\"";
      case 12 -> "\"" + "😀".repeat(Math.min(max, 50)) + "\""; // long in UTF-16, fine in characters
      case 13 -> "\"\\u202e\\u200b' OR 1=1;--\"";
      case 14 -> "\"line\\nbreak\\ttab\"";
      default -> "\"\"";
    };
  }

  private static String hostilePathSegment(Random r, String valid) {
    return pick(
        r,
        "%00",
        "..%2F..%2Fetc%2Fpasswd",
        "%2F",
        "%zz",
        "%",
        "%c0%ae%c0%ae",
        valid + "%00",
        valid.substring(0, 8),
        valid + "/x",
        "a".repeat(3000),
        "%F0%9F%98%80",
        "\u00e9".repeat(3),
        "42",
        valid);
  }

  private static String hostileQuery(Random r, String cursor, String limit) {
    return pick(
        r,
        cursor + "=-1",
        limit + "=0",
        limit + "=1000000",
        cursor + "=abc",
        cursor + "=1e3",
        cursor + "=%00",
        cursor + "=1&" + cursor + "=2",
        limit + "=%zz",
        cursor + "=" + "A".repeat(44),
        "page=0&size=20",
        "authorId=not-a-uuid",
        "=",
        "&&&");
  }

  private static Case get(String path, Random r) {
    return new Case("GET", path, headers(r), null);
  }

  private static Map<String, String> headers(Random r) {
    Map<String, String> headers = new LinkedHashMap<>();
    switch (r.nextInt(8)) {
      case 0 -> headers.put("Accept", pick(r, "application/xml", "text/html", "*/*", "image/png"));
      case 1 ->
          headers.put(
              "If-Match", pick(r, "\"abc\"", "W/\"1\"", "*", "\"99999999999999999999\"", "1"));
      case 2 -> headers.put("X-Big", "x".repeat(20_000));
      case 3 ->
          headers.put(
              "Authorization",
              pick(
                  r,
                  "Bearer",
                  "Bearer ",
                  "Bearer not.a.jwt",
                  "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                  "Basic dXNlcjpwYXNz",
                  "Bearer " + "A".repeat(9000)));
      default -> {}
    }
    return headers;
  }

  private static String serialize(Map<String, String> body) {
    StringBuilder json = new StringBuilder("{");
    body.forEach(
        (k, v) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append(Json.createValue(k)).append(':').append(v);
        });
    return json.append('}').toString();
  }

  private static String withDuplicate(Map<String, String> body, String field, Random r) {
    String json = serialize(body);
    return json.substring(0, json.length() - 1)
        + (body.isEmpty() ? "" : ",")
        + Json.createValue(field)
        + ":"
        + hostileValue(r, 100)
        + "}";
  }

  private static byte[] withInvalidUtf8(String json, Random r) {
    byte[][] bad = {
      {(byte) 0xC3, 0x28},
      {(byte) 0xFF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xC0, (byte) 0xAE}
    };
    int at = json.indexOf(":\"");
    if (at < 0) {
      at = json.length() / 2;
    } else {
      at += 2;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bad[r.nextInt(bad.length)]);
    out.writeBytes(json.substring(at).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... options) {
    return options[r.nextInt(options.length)];
  }

  /** A fingerprint of every user and post: count, sum of versions, latest change. */
  private static String digest(Stack stack) {
    return query(stack, Database.USER_DB, "users") + "/" + query(stack, Database.POST_DB, "posts");
  }

  private static String query(Stack stack, Database.ServiceDatabase db, String table) {
    try (Connection c = stack.database().connectAs(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), coalesce(sum(version), 0), coalesce(max(updated_at)::text, '')"
                    + " FROM "
                    + table)) {
      rs.next();
      return rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getString(3);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
