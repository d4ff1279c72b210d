package it.dev.outboxref.support;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads a keyset-paged list of the APIs to its end, following each page's {@code next}. */
public final class Pages {

  private Pages() {}

  /**
   * Every item of the list at {@code query} (empty or starting with {@code ?}), in pages of {@code
   * limit}; {@code get} sends a query and answers the response.
   */
  public static List<JsonObject> all(
      Function<String, HttpResponse<String>> get, String query, int limit) {
    List<JsonObject> items = new ArrayList<>();
    String cursor = null;
    do {
      String pageQuery =
          (query.isEmpty() ? "?" : query + "&")
              + "limit="
              + limit
              + (cursor == null ? "" : "&cursor=" + cursor);
      HttpResponse<String> response = get.apply(pageQuery);
      if (response.statusCode() != 200) {
        throw new AssertionError(
            pageQuery + " -> " + response.statusCode() + " " + response.body());
      }
      JsonObject page = Http.json(response);
      page.getJsonArray("items").forEach(item -> items.add(item.asJsonObject()));
      cursor = page.containsKey("next") ? page.getString("next") : null;
    } while (cursor != null);
    return items;
  }
}
