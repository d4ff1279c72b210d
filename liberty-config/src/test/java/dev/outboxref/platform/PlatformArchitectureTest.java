package dev.outboxref.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The dependency rules of the platform packages, as their package-info.java states them. */
@AnalyzeClasses(
    packages = "dev.outboxref.platform",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PlatformArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.outboxref.platform.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule platformKnowsNoService =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.outboxref.user..", "dev.outboxref.post..");

  /**
   * Within the platform: the health checks use the database and Kafka beans, rest uses text, paging
   * and versioning (it parses page requests and maps stale versions), auth (the caller of a
   * request) answers with rest's problems and asks revocation (which the services implement).
   */
  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .ensureAllClassesAreContainedInArchitectureIgnoring("dev.outboxref.platform")
          .layer("auth")
          .definedBy("dev.outboxref.platform.auth..")
          .layer("db")
          .definedBy("dev.outboxref.platform.db..")
          .layer("digest")
          .definedBy("dev.outboxref.platform.digest..")
          .layer("health")
          .definedBy("dev.outboxref.platform.health..")
          .layer("kafka")
          .definedBy("dev.outboxref.platform.kafka..")
          .layer("logging")
          .definedBy("dev.outboxref.platform.logging..")
          .layer("paging")
          .definedBy("dev.outboxref.platform.paging..")
          .layer("rest")
          .definedBy("dev.outboxref.platform.rest..")
          .layer("retry")
          .definedBy("dev.outboxref.platform.retry..")
          .layer("revocation")
          .definedBy("dev.outboxref.platform.revocation..")
          .layer("text")
          .definedBy("dev.outboxref.platform.text..")
          .layer("versioning")
          .definedBy("dev.outboxref.platform.versioning..")
          .whereLayer("db")
          .mayOnlyBeAccessedByLayers("health")
          .whereLayer("kafka")
          .mayOnlyBeAccessedByLayers("health")
          .whereLayer("text")
          .mayOnlyBeAccessedByLayers("rest")
          .whereLayer("health")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("logging")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("digest")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("paging")
          .mayOnlyBeAccessedByLayers("rest")
          .whereLayer("versioning")
          .mayOnlyBeAccessedByLayers("rest")
          .whereLayer("rest")
          .mayOnlyBeAccessedByLayers("auth")
          .whereLayer("auth")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("retry")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("revocation")
          .mayOnlyBeAccessedByLayers("auth");

  /**
   * Text rules, pages, versions, backoff and revocations are for any layer of a service, not only
   * its REST edge.
   */
  @ArchTest
  static final ArchRule plainPackagesAreFreeOfHttp =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.outboxref.platform.text..",
              "dev.outboxref.platform.paging..",
              "dev.outboxref.platform.versioning..",
              "dev.outboxref.platform.retry..",
              "dev.outboxref.platform.revocation..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.ws.rs..", "jakarta.servlet..", "dev.outboxref.platform.rest..");

  /**
   * Without {@code @Inject} a {@code @ConfigProperty} field is no injection point: CDI leaves it at
   * 0 or null and the setting is silently never read ({@code db.migration.connect-retries} was).
   */
  @ArchTest
  static final ArchRule configPropertiesAreInjected =
      fields().that().areAnnotatedWith(ConfigProperty.class).should().beAnnotatedWith(Inject.class);
}
