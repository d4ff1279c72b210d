package dev.outboxref.platform.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One long-lived Kafka admin client per service, used to tell whether the broker is reachable. It
 * is created on first use and closed with the application, never per health check.
 */
@ApplicationScoped
public class KafkaConnection {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  private Admin admin;

  /** Asks the cluster for its id; throws if the broker does not answer within a few seconds. */
  public String clusterId() throws Exception {
    int timeoutMs = (int) PROBE_TIMEOUT.toMillis();
    return admin()
        .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
        .clusterId()
        .get(timeoutMs + 500L, TimeUnit.MILLISECONDS);
  }

  private synchronized Admin admin() {
    if (admin == null) {
      Config config = ConfigProvider.getConfig();
      Properties props =
          KafkaClientProperties.forAdminClient(
              config.getPropertyNames(),
              name -> config.getOptionalValue(name, String.class).orElse(null));
      props.putIfAbsent(
          AdminClientConfig.CLIENT_ID_CONFIG,
          "health-" + config.getOptionalValue("mp.app.name", String.class).orElse("service"));
      props.put(
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(PROBE_TIMEOUT.toMillis()));
      props.put(
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
          String.valueOf(PROBE_TIMEOUT.toMillis()));
      admin = Admin.create(props);
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
      admin = null;
    }
  }
}
