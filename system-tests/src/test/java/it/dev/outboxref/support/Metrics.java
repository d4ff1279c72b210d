package it.dev.outboxref.support;

import dev.outboxref.prometheus.Exposition;
import dev.outboxref.stack.LibertyServer;
import java.net.http.HttpResponse;

/** Reads one application metric from a server's {@code /metrics} (Prometheus text). */
public final class Metrics {

  private Metrics() {}

  /**
   * The value of the first series of {@code name}; 0 if the server does not export it (yet), and so
   * also while it serves no metrics page at all (starting, stopping).
   */
  public static double value(LibertyServer server, String name) {
    HttpResponse<String> response = Http.get(server.baseUrl() + "/metrics?scope=application");
    if (response.statusCode() != 200) {
      return 0;
    }
    return Exposition.parse(response.body()).value(name).orElse(0);
  }
}
