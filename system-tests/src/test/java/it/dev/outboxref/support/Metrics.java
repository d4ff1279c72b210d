package it.dev.outboxref.support;

import dev.outboxref.stack.LibertyServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one application metric from a server's {@code /metrics} (Prometheus text). */
public final class Metrics {

  private Metrics() {}

  /** The value of the first series of {@code name}; 0 if the server does not export it (yet). */
  public static double value(LibertyServer server, String name) {
    String body = Http.get(server.baseUrl() + "/metrics?scope=application").body();
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)$").matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
