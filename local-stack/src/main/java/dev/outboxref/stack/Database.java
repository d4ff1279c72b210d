package dev.outboxref.stack;

import dev.outboxref.descriptor.Service;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL for both services: embedded (zonky binaries from Maven Central, data kept under the
 * stack's data directory) or an external server reached with the libpq variables PGHOST, PGPORT,
 * PGUSER, PGPASSWORD. Either way it holds one database per service, each owned by its own role that
 * logs in with a generated password and may connect to its own database only. The embedded server
 * speaks TLS with a certificate of the stack's own CA ({@link DatabaseTls}) and takes the service
 * roles over TLS only, as the CloudNativePG clusters in Kubernetes do.
 */
public final class Database {

  /** A service's database and the role that owns it. */
  public record ServiceDatabase(String name, String role) {

    /** The database a service owns, as its descriptor names it. */
    public static ServiceDatabase of(Service service) {
      return new ServiceDatabase(service.database(), service.databaseRole());
    }
  }

  public static final ServiceDatabase USER_DB = ServiceDatabase.of(Service.USER);
  public static final ServiceDatabase POST_DB = ServiceDatabase.of(Service.POST);
  private static final List<ServiceDatabase> ALL = List.of(USER_DB, POST_DB);

  private final Path dataDirectory;
  private final int port;
  private final boolean embedded;
  private final boolean logicalReplication;
  private final Secrets secrets;
  private final DatabaseTls tls;
  private EmbeddedPostgres postgres;

  private Database(
      Path dataDirectory, int port, boolean embedded, boolean logicalReplication, Secrets secrets) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.embedded = embedded;
    this.logicalReplication = logicalReplication;
    this.secrets = secrets;
    this.tls =
        embedded
            ? new DatabaseTls(
                dataDirectory.resolveSibling("postgres-tls"), secrets.password("postgres-tls"))
            : null;
  }

  static Database embedded(
      Path dataDirectory, int port, boolean logicalReplication, Secrets secrets) {
    return new Database(dataDirectory, port, true, logicalReplication, secrets);
  }

  static Database external(Secrets secrets) {
    return new Database(null, Integer.parseInt(env("PGPORT", "5432")), false, false, secrets);
  }

  /**
   * Starts the embedded server (if embedded) and creates the roles and databases that are missing.
   */
  public synchronized void start() {
    if (embedded) {
      Ports.requireFree("PostgreSQL", port);
      try {
        EmbeddedPostgres.Builder builder =
            EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                // zonky's defaults trade durability for speed; the crash tests need a real database
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on");
        if (logicalReplication) {
          builder
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_replication_slots", "4")
              .setServerConfig("max_wal_senders", "4");
        }
        // when each transaction committed: the relay stamps it on each event, from which the
        // replica's freshness is measured (as in Kubernetes, where the cluster sets it too)
        builder.setServerConfig("track_commit_timestamp", "on");
        tls.createIfMissing();
        builder
            .setServerConfig("ssl", "on")
            .setServerConfig("ssl_cert_file", tls.serverCertificate().toString())
            .setServerConfig("ssl_key_file", tls.serverKey().toString());
        postgres = builder.start();
        requirePasswordsOfServiceRoles();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start embedded PostgreSQL on port " + port, e);
      }
    }
    provision();
  }

  /** Stops the embedded server (a fast shutdown: open connections are cut), keeping its data. */
  public synchronized void stop() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        postgres = null;
      }
    }
  }

  public boolean isEmbedded() {
    return embedded;
  }

  /**
   * The CA certificate the embedded server's certificate chains to (the services connect with
   * {@code sslmode=verify-full} against it); empty for an external server.
   */
  public Optional<Path> caCertificate() {
    return embedded ? Optional.of(tls.caCertificate()) : Optional.empty();
  }

  public String host() {
    return embedded ? "localhost" : env("PGHOST", "localhost");
  }

  public int port() {
    return port;
  }

  public String password(ServiceDatabase db) {
    return secrets.password(db.role());
  }

  /** A connection as the service's own role, as the service itself connects. */
  public Connection connectAs(ServiceDatabase db) throws SQLException {
    PGSimpleDataSource ds = dataSource(db.name());
    ds.setUser(db.role());
    ds.setPassword(password(db));
    return ds.getConnection();
  }

  /** The superuser, for tests and benches that look behind a service's back. */
  public String adminRole() {
    return embedded ? "postgres" : env("PGUSER", "postgres");
  }

  /** A superuser connection, for tests that look behind a service's back. */
  public Connection connectAsAdmin(String databaseName) throws SQLException {
    return admin(databaseName).getConnection();
  }

  private void provision() {
    try (Connection c = connectAsAdmin("postgres");
        Statement st = c.createStatement()) {
      for (ServiceDatabase db : ALL) {
        String password = quote(password(db));
        if (exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", db.role())) {
          st.execute("ALTER ROLE " + db.role() + " WITH LOGIN PASSWORD " + password);
        } else {
          st.execute("CREATE ROLE " + db.role() + " WITH LOGIN PASSWORD " + password);
        }
        if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", db.name())) {
          st.execute("CREATE DATABASE " + db.name() + " OWNER " + db.role());
        }
        st.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + db.name() + " FROM PUBLIC");
        st.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + db.name() + " TO " + db.role());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not create the service databases on "
              + host()
              + ":"
              + port
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * A stack that was killed could not stop its PostgreSQL (it runs detached from the stack): stop
   * it now, with a fast shutdown (SIGINT).
   */
  static void endLeftoverPostmaster(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    try {
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        Optional<ProcessHandle> postmaster =
            ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isPresent()) {
          System.err.println("Stopping PostgreSQL " + pid + " left over by an earlier run");
          new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
          postmaster.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
      }
    } catch (Exception e) {
      System.err.println("Could not stop a left-over PostgreSQL: " + e);
    }
  }

  /**
   * initdb trusts every local login; the service roles must prove their password like anywhere
   * else.
   */
  private void requirePasswordsOfServiceRoles() throws IOException {
    Files.writeString(
        dataDirectory.resolve("pg_hba.conf"),
        """
        # Written by the local stack: the superuser from this machine only, every other role with
        # its password and over TLS only.
        local   all postgres                trust
        host    all postgres 127.0.0.1/32   trust
        host    all postgres ::1/128        trust
        hostssl all all      127.0.0.1/32   scram-sha-256
        hostssl all all      ::1/128        scram-sha-256
        """);
    try (Connection c = connectAsAdmin("postgres");
        Statement st = c.createStatement()) {
      st.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not reload pg_hba.conf", e);
    }
  }

  private DataSource admin(String databaseName) {
    PGSimpleDataSource ds = dataSource(databaseName);
    ds.setUser(adminRole());
    if (!embedded && System.getenv("PGPASSWORD") != null) {
      ds.setPassword(System.getenv("PGPASSWORD"));
    }
    return ds;
  }

  private PGSimpleDataSource dataSource(String databaseName) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {host()});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(databaseName);
    ds.setConnectTimeout(5);
    return ds;
  }

  private static boolean exists(Connection c, String sql, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String quote(String literal) {
    return "'" + literal.replace("'", "''") + "'";
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
