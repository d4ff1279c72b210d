package it.dev.outboxref;

import static it.dev.outboxref.support.Problems.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.Snapshots;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UserEventsTopic;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class UsersApiIT {

  @Test
  void registerGetChangeDeleteWithVersionsAndETags(Stack stack) {
    UsersApi api = new UsersApi(stack.userService());
    String email = "Grace.Hopper-%s@Example.com".formatted(System.nanoTime());
    HttpResponse<String> created =
        api.post(
            "{\"email\":\"%s\",\"name\":\" Grace Hopper \",\"nickname\":\"grace\",\"password\":\"%s\"}"
                .formatted(email, UsersApi.PASSWORD));
    assertEquals(201, created.statusCode(), created.body());
    JsonObject user = Http.json(created);
    String id = user.getString("id");
    assertEquals(
        stack.userService().baseUrl() + Service.USER.apiPath() + "/" + id,
        created.headers().firstValue("Location").orElseThrow());
    assertEquals("\"1\"", created.headers().firstValue("ETag").orElseThrow());
    assertEquals("Grace Hopper", user.getString("name"));
    assertEquals(1, user.getInt("version"));

    HttpResponse<String> read = api.get("/" + id);
    assertEquals(200, read.statusCode());
    assertEquals("\"1\"", read.headers().firstValue("ETag").orElseThrow());

    HttpResponse<String> changed = api.patch(id, "{\"nickname\":\"amazing-grace\"}", "\"1\"");
    assertEquals(200, changed.statusCode(), changed.body());
    assertEquals(2, Http.json(changed).getInt("version"));
    assertEquals("amazing-grace", Http.json(changed).getString("nickname"));
    assertEquals("\"2\"", changed.headers().firstValue("ETag").orElseThrow());

    JsonObject stale = problem(api.patch(id, "{\"name\":\"Lost Update\"}", "\"1\""), 412);
    assertTrue(stale.getString("detail").contains("version 2"), stale.toString());
    assertEquals(
        "Grace Hopper", Http.json(api.get("/" + id)).getString("name"), "a 412 changes nothing");

    HttpResponse<String> same = api.patch(id, "{\"nickname\":\"amazing-grace\"}", null);
    assertEquals(2, Http.json(same).getInt("version"), "the same values are no change");

    problem(api.delete(id, "\"1\""), 412);
    assertEquals(204, api.delete(id, "\"2\"").statusCode());
    problem(api.get("/" + id), 404);
    // the deleted user's token is refused from now on
    problem(api.delete(id, null), 401);
    problem(api.patch(id, "{\"name\":\"Ghost\"}", null), 401);

    try (UserEventsTopic topic = new UserEventsTopic(stack)) {
      var events = topic.awaitVersions(Map.of(id, 3L), Duration.ofSeconds(30)).get(id);
      assertEquals(List.of(1L, 2L, 3L), events.stream().map(e -> e.event().getVersion()).toList());
      assertEquals("UserRegistered", events.get(0).headers().get("event-type"));
      assertEquals("UserProfileChanged", events.get(1).headers().get("event-type"));
      assertEquals("UserDeleted", events.get(2).headers().get("event-type"));
      assertEquals("amazing-grace", events.get(1).event().getProfileChanged().getNickname());
      assertEquals(
          "Grace Hopper", events.get(1).event().getProfileChanged().getName(), "full profile");
      for (var event : events) {
        assertEquals(event.event().getEventId(), event.headers().get("event-id"));
        assertEquals(
            Long.toString(event.event().getVersion()), event.headers().get("aggregate-version"));
        assertEquals(id, event.event().getUserId());
      }
    }
  }

  @Test
  void emailIsUniqueWhateverItsCase(Stack stack) {
    UsersApi api = new UsersApi(stack.userService());
    String email = "Unique-" + System.nanoTime() + "@Example.com";
    assertEquals(
        201, api.post(UsersApi.registration(email, "one", UsersApi.PASSWORD)).statusCode());
    JsonObject conflict =
        problem(
            api.post(UsersApi.registration(email.toLowerCase(), "two", UsersApi.PASSWORD)), 409);
    assertTrue(conflict.getString("detail").contains("already exists"), conflict.toString());
  }

  @Test
  void badInputIs4xxProblemAndChangesNothing(Stack stack) throws SQLException {
    UsersApi api = new UsersApi(stack.userService());
    long before = Snapshots.userCount(stack);

    JsonObject invalid =
        problem(
            api.post(
                "{\"email\":\"not-an-email\",\"name\":\"\",\"nickname\":\"a b\",\"password\":\"short\"}"),
            400);
    assertEquals(
        Set.of("email", "name", "nickname", "password"),
        Set.copyOf(
            invalid.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field"))
                .toList()));
    assertFalse(invalid.toString().contains("short"), "a rejected password is not echoed");

    problem(api.post("{\"email\":"), 400);
    problem(api.post(""), 400);
    problem(api.post("[]"), 400);
    problem(
        api.post(
            "{\"email\":\"x@example.com\",\"name\":{\"a\":1},\"nickname\":\"x\",\"password\":\""
                + UsersApi.PASSWORD
                + "\"}"),
        400);
    problem(
        api.post(
            UsersApi.registration("admin@example.com", "admin", UsersApi.PASSWORD)
                .replace("}", ",\"admin\":true}")),
        400);
    problem(api.post("{\"email\":\"" + "a".repeat(70_000) + "@example.com\"}"), 413);
    problem(
        Http.send(
            HttpRequest.newBuilder(
                    URI.create(stack.userService().baseUrl() + Service.USER.apiPath()))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))),
        415);
    problem(api.get("?limit=1000"), 400);
    problem(api.get("?limit=ten"), 400);
    problem(api.get("?cursor=-1"), 400);
    assertTrue(
        problem(api.get("?page=0&size=20"), 400).getString("detail").contains("'cursor'"),
        "the offset parameters are gone, pointing at the cursor");
    problem(api.get("/not-a-uuid"), 400);

    JsonObject user = api.register("victim");
    String id = user.getString("id");
    long withVictim = Snapshots.userCount(stack);
    problem(api.patch(id, "{}", null), 400);
    problem(api.patch(id, "{\"name\":\"   \"}", null), 400);
    problem(api.patch(id, "{\"email\":\"new@example.com\"}", null), 400);
    problem(api.patch(id, "{\"name\":\"ok\"}", "1"), 400);
    assertEquals(withVictim, Snapshots.userCount(stack));
    assertEquals(before + 1, withVictim);
    assertEquals(2, api.rename(id, "accepted"));
    assertEquals(
        List.of(1L, 2L),
        UserEventsTopic.versionsUpTo(stack, id, 2),
        "no event from a rejected change");
  }

  @Test
  void listsUsersInStablePages(Stack stack) {
    UsersApi api = new UsersApi(stack.userService());
    for (int i = 0; i < 3; i++) {
      api.register("pager" + i);
    }
    JsonObject first = Http.json(api.get("?limit=2"));
    assertEquals(2, first.getJsonArray("items").size());
    assertFalse(first.containsKey("total"), "no count");
    JsonObject second = Http.json(api.get("?limit=2&cursor=" + first.getString("next")));
    String lastOfFirst = first.getJsonArray("items").getJsonObject(1).getString("id");
    assertFalse(
        second.getJsonArray("items").stream()
            .anyMatch(u -> u.asJsonObject().getString("id").equals(lastOfFirst)));
    assertEquals(first, Http.json(api.get("?limit=2")), "the same page twice is the same page");
  }

  /**
   * Keyset pages: a client reading the list page by page while users register sees every user that
   * existed when it started, and every one registered before it reached the end (they sort last),
   * each once and in order; before, offset pages shifted under such a reader.
   */
  @Test
  void pagesThroughTheListWithoutDuplicatesOrGapsWhileUsersRegister(Stack stack)
      throws SQLException {
    UsersApi api = new UsersApi(stack.userService());
    api.registerMany("keyset", 12);
    Set<String> before = liveUserIds(stack);
    Set<String> registeredMeanwhile = new HashSet<>();
    List<JsonObject> listed = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page =
          Http.json(api.get("?limit=5" + (cursor == null ? "" : "&cursor=" + cursor)));
      page.getJsonArray("items").forEach(u -> listed.add(u.asJsonObject()));
      cursor = page.containsKey("next") ? page.getString("next") : null;
      pages++;
      if (cursor != null && registeredMeanwhile.size() < 20) {
        // a new user between two pages: it sorts after every user listed so far
        registeredMeanwhile.add(api.register("keyset-late").getString("id"));
      }
    } while (cursor != null);

    List<String> ids = listed.stream().map(u -> u.getString("id")).toList();
    assertTrue(pages > 3, pages + " pages");
    assertEquals(ids.size(), new HashSet<>(ids).size(), "no user twice: " + ids);
    assertTrue(ids.containsAll(before), "every user registered before the paging began");
    assertTrue(ids.containsAll(registeredMeanwhile), "every user registered during it");
    List<Instant> created =
        listed.stream().map(u -> Instant.parse(u.getString("createdAt"))).toList();
    assertEquals(created.stream().sorted().toList(), created, "oldest first");

    // a cursor changed by hand is refused, not read as another position
    String next = Http.json(api.get("?limit=1")).getString("next");
    char last = next.charAt(next.length() - 1);
    String tampered = next.substring(0, next.length() - 1) + (last == 'A' ? 'B' : 'A');
    JsonObject refused = problem(api.get("?limit=1&cursor=" + tampered), 400);
    assertTrue(refused.getString("detail").startsWith("'cursor' must be"), refused.toString());
    problem(api.get("?cursor=" + next.substring(0, 20)), 400);
  }

  private static Set<String> liveUserIds(Stack stack) throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM users WHERE deleted_at IS NULL")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  @Test
  void noPasswordOrHashInAnyResponseEventOrLog(Stack stack) throws Exception {
    UsersApi api = new UsersApi(stack.userService());
    String secret = "p4ssw0rd-that-must-not-leak-" + System.nanoTime();
    String email = "secret-" + System.nanoTime() + "@example.com";
    HttpResponse<String> created = api.post(UsersApi.registration(email, "s", secret));
    assertEquals(201, created.statusCode());
    String id = Http.json(created).getString("id");
    String hash;
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT password_hash FROM users WHERE id = '" + id + "'")) {
      rs.next();
      hash = rs.getString(1);
    }
    assertTrue(hash.startsWith("pbkdf2-sha256$"), hash);
    assertFalse(hash.contains(secret));
    String hashPart = hash.substring(hash.lastIndexOf('$') + 1);

    List<String> texts =
        List.of(
            created.body(),
            api.get("/" + id).body(),
            api.get("?limit=100").body(),
            api.patch(id, "{\"name\":\"t\"}", null).body());
    for (String text : texts) {
      assertFalse(
          text.contains(secret) || text.contains(hashPart) || text.contains("password"), text);
    }
    try (UserEventsTopic topic = new UserEventsTopic(stack)) {
      for (var event : topic.awaitVersions(Map.of(id, 2L), Duration.ofSeconds(30)).get(id)) {
        String raw = new String(event.rawValue(), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(secret) || raw.contains(hashPart), "event carries the password");
      }
    }
    String log = java.nio.file.Files.readString(stack.userService().messagesLog());
    assertFalse(log.contains(secret) || log.contains(hashPart), "log carries the password");
  }
}
