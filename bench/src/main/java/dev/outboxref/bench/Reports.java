package dev.outboxref.bench;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.Stack;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** What every benchmark report says about where it ran. */
final class Reports {

  private Reports() {}

  static String machine() {
    Runtime rt = Runtime.getRuntime();
    return String.format(
        "Machine: %d cores, %d GiB RAM, %s %s, Java %s. Everything (PostgreSQL, Kafka, both Liberty servers, this load generator) on this one machine.%n",
        rt.availableProcessors(),
        Math.round(physicalMemoryGiB()),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"));
  }

  /** The versions of the parts the figures depend on, read from the running stack. */
  static String versions(Stack stack) {
    String liberty = "?";
    try (Reader in =
        Files.newBufferedReader(
            Path.of(Service.USER.module(), "target", "liberty", "wlp", "lib", "versions")
                .resolve("openliberty.properties"))) {
      Properties props = new Properties();
      props.load(in);
      liberty = props.getProperty("com.ibm.websphere.productVersion", "?");
    } catch (Exception e) {
      // unknown
    }
    String postgres = "?";
    try (Connection c = stack.database().connectAs(Database.USER_DB);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      postgres = rs.getString(1);
    } catch (Exception e) {
      // unknown
    }
    return String.format(
        "Versions: Open Liberty %s, Apache Kafka %s (clients and broker), PostgreSQL %s (embedded,"
            + " fsync on); Kafka's PLAINTEXT listener, one broker, 6 partitions.%n",
        liberty, kafkaClientsVersion(), postgres);
  }

  /**
   * The version in kafka-clients' own {@code kafka/kafka-version.properties} (not its internal
   * AppInfoParser, which moved packages in 4.4). The broker's jars on this class path carry a file
   * of the same name, so it is read from the jar that holds the client classes.
   */
  static String kafkaClientsVersion() {
    String resource = "kafka/kafka-version.properties";
    try {
      String clientClass = KafkaConsumer.class.getResource("KafkaConsumer.class").toString();
      int jarRoot = clientClass.indexOf("!/");
      URL url =
          jarRoot < 0
              ? KafkaConsumer.class.getResource("/" + resource)
              : URI.create(clientClass.substring(0, jarRoot + 2) + resource).toURL();
      try (InputStream in = url.openStream()) {
        Properties props = new Properties();
        props.load(in);
        return props.getProperty("version", "?");
      }
    } catch (Exception e) {
      return "?";
    }
  }

  /**
   * The version in the name of the jar that holds the class (artifact-version.jar), for jars that
   * carry no version of their own (Kafka Connect's).
   */
  static String jarVersion(Class<?> c, String artifact) {
    try {
      String jar =
          Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
              .getFileName()
              .toString();
      return jar.startsWith(artifact + "-") && jar.endsWith(".jar")
          ? jar.substring(artifact.length() + 1, jar.length() - 4)
          : "?";
    } catch (Exception e) {
      return "?";
    }
  }

  private static double physicalMemoryGiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
        }
      }
    } catch (Exception e) {
      // unknown
    }
    return Double.NaN;
  }
}
