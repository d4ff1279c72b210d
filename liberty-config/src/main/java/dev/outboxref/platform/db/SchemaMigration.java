package dev.outboxref.platform.db;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the service's versioned migrations ({@code classpath:db/migration}) before the
 * application takes traffic. A failed migration fails the start, so a service never runs against a
 * schema it does not know.
 */
@ApplicationScoped
public class SchemaMigration {

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = "jdbc/appdb")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "db.migration.connect-retries", defaultValue = "10")
  int connectRetries;

  private volatile String schemaVersion;

  void migrateOnStartup(@Observes Startup startup) {
    // Flyway finds migrations through the context class loader, which is the application's here.
    MigrateResult result =
        Flyway.configure(Thread.currentThread().getContextClassLoader())
            .dataSource(dataSource)
            // Liberty's class loader lists a directory only if it holds a file: each service ships
            // an empty db/migration/flyway.location. Failing on a missing location catches a WAR
            // without it.
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            .connectRetries(connectRetries)
            .load()
            .migrate();
    schemaVersion =
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion;
    LOG.info(
        () ->
            "Schema of "
                + result.database
                + " at version "
                + schemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }

  /** The schema version after start-up migration, or null before it finished. */
  public String schemaVersion() {
    return schemaVersion;
  }
}
