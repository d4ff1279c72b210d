package dev.outboxref.platform.rest;

import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What JSON-B lets through but a request body must not have: bytes that are not UTF-8, a string
 * with an unpaired surrogate ({@code "\ud800"}), a key given twice in one object (which value wins
 * would be an accident of the parser), and a value of the wrong JSON type for a field of the
 * request record ({@code "name": 12} would be bound as "12"). Each is a 400 naming the field.
 * Bodies that are not JSON at all are left to the binder, which refuses them with its own message.
 */
public final class JsonBodyCheck {

  /** The JSON types a field of these Java types accepts (besides null for a reference type). */
  private static final Map<Class<?>, String> EXPECTED =
      Map.ofEntries(
          Map.entry(String.class, "string"),
          Map.entry(UUID.class, "string"),
          Map.entry(Boolean.class, "boolean"),
          Map.entry(boolean.class, "boolean"),
          Map.entry(Integer.class, "integer"),
          Map.entry(int.class, "integer"),
          Map.entry(Long.class, "integer"),
          Map.entry(long.class, "integer"),
          Map.entry(BigDecimal.class, "number"),
          Map.entry(Double.class, "number"),
          Map.entry(double.class, "number"));

  /** Deeper than any request of these APIs; the parser itself gives up (a 500) at 1,000. */
  static final int MAX_DEPTH = 32;

  /**
   * Made once: {@code Json.createParser} looks the provider up (OSGi check, ServiceLoader) on every
   * call, which was about a twentieth of a PATCH's CPU (docs/performance.md).
   */
  private static final JsonParserFactory PARSERS =
      JsonProvider.provider().createParserFactory(Map.of());

  /** The fields of each request record by name, read by reflection once per record type. */
  private static final ClassValue<Map<String, RecordComponent>> FIELDS =
      new ClassValue<>() {
        @Override
        protected Map<String, RecordComponent> computeValue(Class<?> type) {
          Map<String, RecordComponent> fields = new HashMap<>();
          if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
              fields.put(component.getName(), component);
            }
          }
          return Map.copyOf(fields);
        }
      };

  private JsonBodyCheck() {}

  /**
   * Checks the body for a request of the given type; returns it decoded.
   *
   * @throws ProblemException 400 with the offending fields
   */
  public static String check(byte[] body, Class<?> type) {
    String text = utf8(body);
    List<Problem.FieldError> errors = new ArrayList<>();
    Map<String, RecordComponent> fields = FIELDS.get(type);
    try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
      Deque<Set<String>> objects = new ArrayDeque<>();
      String topField = null;
      String key = null;
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        String field = objects.size() <= 1 ? key : topField;
        switch (event) {
          case START_OBJECT, START_ARRAY -> {
            if (objects.size() >= MAX_DEPTH) {
              throw Problems.badRequest(
                  "The body nests objects and arrays deeper than " + MAX_DEPTH + " levels.");
            }
            if (objects.size() == 1 && key != null) {
              topField = key;
              expect(
                  fields,
                  key,
                  event == JsonParser.Event.START_OBJECT ? "object" : "array",
                  null,
                  errors);
            }
            objects.push(new HashSet<>()); // an array's stays empty: it keeps the depth
            key = null;
          }
          case END_OBJECT, END_ARRAY -> {
            objects.pop();
            if (objects.size() <= 1) {
              topField = null;
            }
          }
          case KEY_NAME -> {
            key = parser.getString();
            String where = objects.size() == 1 ? key : topField;
            if (!paired(key)) {
              errors.add(new Problem.FieldError(where, "has a name with an unpaired surrogate"));
            }
            if (!objects.peek().add(key)) {
              errors.add(new Problem.FieldError(where, "is given more than once"));
            }
          }
          case VALUE_STRING -> {
            if (!paired(parser.getString())) {
              errors.add(
                  new Problem.FieldError(
                      nameOf(field), "contains an unpaired surrogate (not valid Unicode text)"));
            }
            if (objects.size() == 1) {
              expect(fields, key, "string", null, errors);
            }
          }
          case VALUE_NUMBER -> {
            if (objects.size() == 1) {
              expect(fields, key, "number", parser.getBigDecimal(), errors);
            }
          }
          case VALUE_TRUE, VALUE_FALSE -> {
            if (objects.size() == 1) {
              expect(fields, key, "boolean", null, errors);
            }
          }
          case VALUE_NULL -> {
            if (objects.size() == 1) {
              expect(fields, key, "null", null, errors);
            }
          }
          default -> {}
        }
      }
    } catch (JsonException e) {
      throw Problems.badRequest("The body is not valid JSON for this operation: " + e.getMessage());
    }
    if (!errors.isEmpty()) {
      throw Problems.invalidFields(errors);
    }
    return text;
  }

  private static String nameOf(String field) {
    return field == null ? "body" : field;
  }

  /** The value's JSON type against the field's Java type; unknown fields are the binder's. */
  private static void expect(
      Map<String, RecordComponent> fields,
      String key,
      String actual,
      BigDecimal number,
      List<Problem.FieldError> errors) {
    RecordComponent component = key == null ? null : fields.get(key);
    if (component == null) {
      return;
    }
    Class<?> type = component.getType();
    String expected = EXPECTED.get(type);
    if (expected == null) {
      return;
    }
    if (actual.equals("null")) {
      if (type.isPrimitive()) {
        errors.add(new Problem.FieldError(key, "must be a " + expected + ", not null"));
      }
      return;
    }
    boolean ok =
        switch (expected) {
          case "integer" -> actual.equals("number") && fitsInteger(number, type);
          case "number" -> actual.equals("number");
          default -> expected.equals(actual);
        };
    if (!ok) {
      errors.add(
          new Problem.FieldError(
              key,
              "must be a JSON "
                  + expected
                  + (actual.equals("number") && expected.equals("integer")
                      ? " in range, not " + number.toString()
                      : ", not " + article(actual))));
    }
  }

  private static boolean fitsInteger(BigDecimal number, Class<?> type) {
    try {
      BigInteger value = number.toBigIntegerExact();
      boolean isLong = type == Long.class || type == long.class;
      return isLong ? value.bitLength() < 64 : value.bitLength() < 32;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static String article(String jsonType) {
    return (jsonType.equals("array") || jsonType.equals("object") ? "an " : "a ") + jsonType;
  }

  /** True if every surrogate in the text is part of a pair. */
  static boolean paired(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw Problems.badRequest("The body is not valid UTF-8 text.");
    }
  }
}
