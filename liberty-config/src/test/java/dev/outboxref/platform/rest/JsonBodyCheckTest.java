package dev.outboxref.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a JSON body must not have before it is bound to a request record. */
class JsonBodyCheckTest {

  record Body(String name, UUID authorId, Integer count, boolean flag) {}

  @Test
  void aWellTypedBodyPasses() {
    check(
        """
        {"name":"Ada 😀","authorId":"3f2b6c1e-8d4a-4f7e-9b1a-2c5d6e7f8a9b","count":3,"flag":true,\
        "unknown":{"nested":[1,"x"]}}""");
    check("{\"name\":null,\"count\":null}");
  }

  @Test
  void aWrongJsonTypeNamesTheField() {
    assertEquals(
        List.of(error("name", "must be a JSON string, not a number")), refused("{\"name\":12}"));
    assertEquals(
        List.of(error("name", "must be a JSON string, not a boolean")), refused("{\"name\":true}"));
    assertEquals("name", refused("{\"name\":1e999999}").get(0).field());
    assertEquals("name", refused("{\"name\":[\"a\"]}").get(0).field());
    assertEquals("count", refused("{\"count\":\"3\"}").get(0).field());
    assertEquals("count", refused("{\"count\":1.5}").get(0).field());
    assertEquals("count", refused("{\"count\":99999999999}").get(0).field());
    assertEquals("flag", refused("{\"flag\":null}").get(0).field());
    assertEquals("authorId", refused("{\"authorId\":42}").get(0).field());
  }

  @Test
  void notJsonAndTooDeepAreRefused() {
    assertEquals(
        "The body is not valid JSON for this operation", detail("not json at all").split(":")[0]);
    assertEquals(
        "The body nests objects and arrays deeper than 32 levels.",
        detail("[".repeat(5000) + "]".repeat(5000)));
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    assertEquals(
        List.of(error("name", "is given more than once")),
        refused("{\"name\":\"a\",\"name\":\"b\"}"));
    assertEquals("unknown", refused("{\"unknown\":{\"k\":1,\"k\":2}}").get(0).field());
  }

  @Test
  void anUnpairedSurrogateIsRefused() {
    assertEquals("name", refused("{\"name\":\"a\\ud800b\"}").get(0).field());
    assertEquals("name", refused("{\"name\":\"\\udc00\"}").get(0).field());
    check("{\"name\":\"\\ud83d\\ude00\"}"); // a pair: 😀
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    byte[] latin1 = "{\"name\":\"Andr\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    ProblemException e =
        assertThrows(ProblemException.class, () -> JsonBodyCheck.check(latin1, Body.class));
    assertEquals(400, e.problem().status());
    assertEquals("The body is not valid UTF-8 text.", e.problem().detail());
  }

  private static void check(String json) {
    JsonBodyCheck.check(json.getBytes(StandardCharsets.UTF_8), Body.class);
  }

  private static List<Problem.FieldError> refused(String json) {
    ProblemException e = assertThrows(ProblemException.class, () -> check(json));
    assertEquals(400, e.problem().status());
    return e.problem().errors();
  }

  private static String detail(String json) {
    ProblemException e = assertThrows(ProblemException.class, () -> check(json));
    assertEquals(400, e.problem().status());
    return e.problem().detail();
  }

  private static Problem.FieldError error(String field, String message) {
    return new Problem.FieldError(field, message);
  }
}
