package dev.outboxref.platform.health;

import dev.outboxref.platform.db.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the database schema is migrated to the version this build expects. */
@Startup
@ApplicationScoped
public class SchemaStartupCheck implements HealthCheck {

  @Inject SchemaMigration migration;

  @Override
  public HealthCheckResponse call() {
    String version = migration.schemaVersion();
    return HealthCheckResponse.named("schema")
        .status(version != null)
        .withData("version", String.valueOf(version))
        .build();
  }
}
