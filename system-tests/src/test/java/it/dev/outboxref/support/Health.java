package it.dev.outboxref.support;

import dev.outboxref.stack.LibertyServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;

/** A service's MicroProfile Health endpoints as the tests read them: overall status and checks. */
public final class Health {

  private Health() {}

  /** The overall status ("UP" or "DOWN") of a health endpoint, e.g. /health/ready. */
  public static String status(LibertyServer service, String path) {
    return body(service, path).getString("status");
  }

  /** The JSON answer of a health endpoint, whatever its HTTP status. */
  public static JsonObject body(LibertyServer service, String path) {
    HttpResponse<String> response = Http.get(service.baseUrl() + path);
    return Http.json(response);
  }

  /** The checks of a health answer by name (database, kafka, schema, replica-consumer, ...). */
  public static Map<String, JsonObject> checks(JsonObject health) {
    return health.getJsonArray("checks").stream()
        .map(JsonValue::asJsonObject)
        .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
  }
}
