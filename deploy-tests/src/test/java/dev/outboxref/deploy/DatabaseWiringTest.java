package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service reaches its own CloudNativePG cluster: database and owner as in server.xml, user and
 * password from the operator-generated secret, the password as Liberty's variable file
 * /config/variables/db.password (never an environment variable with a literal value).
 */
class DatabaseWiringTest {

  static Stream<Arguments> cases() {
    return Cases.overlayAndService().stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void serviceUsesItsOwnGeneratedCredentials(String overlay, Service s) {
    Workload w = Workload.of(overlay, s);
    Rendered r = w.rendered();
    Map<String, Object> d = w.deployment();
    Map<String, Object> c = w.container();
    Map<String, Object> env = w.env();
    String where = w.where();

    String host = Rendered.literal(env, "DB_HOST", where);
    assertTrue(
        host.matches("[a-z0-9-]+-rw(\\..*)?"),
        where
            + ": DB_HOST must be a CloudNativePG read-write service (<cluster>-rw), found "
            + host);
    String clusterName = host.substring(0, host.indexOf("-rw"));
    Map<String, Object> cluster = r.get("Cluster", "outboxref", clusterName);
    assertTrue(
        Y.str(cluster, "apiVersion").startsWith("postgresql.cnpg.io/"),
        where + ": " + clusterName + " is not a CloudNativePG Cluster");

    assertEquals("5432", Rendered.literal(env, "DB_PORT", where));
    assertEquals(
        s.database(),
        Rendered.literal(env, "DB_NAME", where),
        where + ": DB_NAME differs from db.name in " + ServiceFiles.serverXml(s));
    assertEquals(
        s.database(),
        Y.str(cluster, "spec", "bootstrap", "initdb", "database"),
        where + ": the cluster creates another database than the service uses");
    assertEquals(
        s.databaseRole(),
        Y.str(cluster, "spec", "bootstrap", "initdb", "owner"),
        where + ": the database owner differs from db.user in " + ServiceFiles.serverXml(s));

    String appSecret = clusterName + "-app";
    assertEquals(List.of(appSecret, "username"), Rendered.secretRef(env, "DB_USER", where));
    assertFalse(
        env.get("DB_PASSWORD") instanceof String,
        where + ": DB_PASSWORD must not be a literal environment variable");

    Map<String, Object> variables =
        Rendered.volumeMountedAt(Rendered.podSpec(d), c, "/config/variables", where);
    assertEquals(
        appSecret,
        Y.str(variables, "secret", "secretName"),
        where + ": /config/variables must hold the generated credentials");
    assertTrue(
        Y.maps(variables, "secret", "items").stream()
            .anyMatch(
                i -> "password".equals(Y.str(i, "key")) && "db.password".equals(Y.str(i, "path"))),
        where + ": the secret key password must appear as the Liberty variable file db.password");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void serviceVerifiesItsDatabaseServerAgainstTheClusterCa(String overlay, Service s) {
    Workload w = Workload.of(overlay, s);
    Map<String, Object> d = w.deployment();
    Map<String, Object> c = w.container();
    Map<String, Object> env = w.env();
    String where = w.where();
    String host = Rendered.literal(env, "DB_HOST", where);
    String clusterName = host.substring(0, host.indexOf("-rw"));

    assertEquals(
        "verify-full",
        Rendered.literal(env, "DB_SSL_MODE", where),
        where + ": the JDBC driver must check the server's certificate and host name");
    String rootCert = Rendered.literal(env, "DB_SSL_ROOT_CERT", where);
    String dir = rootCert.substring(0, rootCert.lastIndexOf('/'));
    Map<String, Object> ca = Rendered.volumeMountedAt(Rendered.podSpec(d), c, dir, where);
    assertEquals(
        clusterName + "-ca",
        Y.str(ca, "secret", "secretName"),
        where + ": " + dir + " must hold the CA CloudNativePG generated for " + clusterName);
    assertEquals(
        List.of(Map.of("key", "ca.crt", "path", rootCert.substring(dir.length() + 1))),
        Y.maps(ca, "secret", "items"),
        where + ": only the CA's certificate is mounted, never its key");
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("dev.outboxref.deploy.OverlaysRenderTest#overlays")
  void eachServiceHasItsOwnDatabaseCluster(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    List<String> hosts =
        Stream.of(Service.values())
            .map(
                s -> {
                  Map<String, Object> d = r.get("Deployment", "outboxref", s.appName());
                  return Rendered.literal(
                      r.environment(d, Rendered.container(d, s.appName())), "DB_HOST", s.appName());
                })
            .distinct()
            .toList();
    assertEquals(
        Service.values().length,
        hosts.size(),
        overlay + ": services share a database cluster: " + hosts);
  }

  /** A service's Deployment in an overlay, its container and environment. */
  private record Workload(
      Rendered rendered,
      Map<String, Object> deployment,
      Map<String, Object> container,
      Map<String, Object> env,
      String where) {

    static Workload of(String overlay, Service s) {
      Rendered r = Rendered.overlay(overlay);
      Map<String, Object> d = r.get("Deployment", "outboxref", s.appName());
      Map<String, Object> c = Rendered.container(d, s.appName());
      return new Workload(r, d, c, r.environment(d, c), overlay + " " + s.appName());
    }
  }
}
