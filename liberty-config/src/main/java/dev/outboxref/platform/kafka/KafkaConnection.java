package dev.outboxref.platform.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One long-lived Kafka admin client per service, used to tell whether the broker is reachable (and
 * how far a topic's partitions reach, for the replica's watchdog). It is created on first use and
 * closed with the application, never per health check.
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

  /** The end offset (the offset the next record will get) of each partition. */
  public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions)
      throws Exception {
    int timeoutMs = (int) PROBE_TIMEOUT.toMillis();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin()
        .listOffsets(latest, new ListOffsetsOptions().timeoutMs(timeoutMs))
        .all()
        .get(timeoutMs + 500L, TimeUnit.MILLISECONDS)
        .forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
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
