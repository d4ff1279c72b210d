package dev.outboxref.descriptor;

import java.util.Arrays;
import java.util.Optional;

/**
 * The two services as their modules define them. Every value here is also written in the module's
 * own files (its pom, server.xml, microprofile-config.properties); deploy-tests'
 * ServiceDescriptorTest fails when the two disagree.
 */
public enum Service {
  USER(
      "user-war", "userServer", "user-service", "userdb", "user_service", 9080, 9443, "/api/users"),
  POST(
      "post-war", "postServer", "post-service", "postdb", "post_service", 9081, 9444, "/api/posts");

  private final String module;
  private final String serverName;
  private final String appName;
  private final String database;
  private final String databaseRole;
  private final int httpPort;
  private final int httpsPort;
  private final String apiPath;

  Service(
      String module,
      String serverName,
      String appName,
      String database,
      String databaseRole,
      int httpPort,
      int httpsPort,
      String apiPath) {
    this.module = module;
    this.serverName = serverName;
    this.appName = appName;
    this.database = database;
    this.databaseRole = databaseRole;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.apiPath = apiPath;
  }

  /** The Maven module (its artifactId and WAR name) that builds the service. */
  public String module() {
    return module;
  }

  /** The Liberty server's name: {@code <liberty.server.name>} of the module's pom. */
  public String serverName() {
    return serverName;
  }

  /**
   * The service's name everywhere else: mp.app.name (and so its traces' service name), its
   * Kubernetes Deployment, Service, ServiceAccount and KafkaUser, its Kafka user in the local
   * stack.
   */
  public String appName() {
    return appName;
  }

  /** The PostgreSQL database the service owns: server.xml's db.name. */
  public String database() {
    return database;
  }

  /** The role that owns the database and that the service logs in as: server.xml's db.user. */
  public String databaseRole() {
    return databaseRole;
  }

  /** The default HTTP port: server.xml's http.port (also the container port in Kubernetes). */
  public int httpPort() {
    return httpPort;
  }

  /** The default HTTPS port: server.xml's https.port. */
  public int httpsPort() {
    return httpsPort;
  }

  /** Where the service's REST resources start, e.g. /api/users. */
  public String apiPath() {
    return apiPath;
  }

  /** The service of this application name (e.g. "user-service"), if there is one. */
  public static Optional<Service> ofAppName(String appName) {
    return Arrays.stream(values()).filter(s -> s.appName.equals(appName)).findFirst();
  }
}
