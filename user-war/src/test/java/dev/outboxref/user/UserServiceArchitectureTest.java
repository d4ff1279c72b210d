package dev.outboxref.user;

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

/** The user service's dependency rules, as its package-info.java files state them. */
@AnalyzeClasses(
    packages = "dev.outboxref.user",
    importOptions = ImportOption.DoNotIncludeTests.class)
class UserServiceArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.outboxref.user.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .ensureAllClassesAreContainedInArchitecture()
          .layer("root")
          .definedBy("dev.outboxref.user")
          .layer("api")
          .definedBy("dev.outboxref.user.api..")
          .layer("application")
          .definedBy("dev.outboxref.user.application..")
          .layer("domain")
          .definedBy("dev.outboxref.user.domain..")
          .layer("outbox")
          .definedBy("dev.outboxref.user.outbox..")
          .layer("directory")
          .definedBy("dev.outboxref.user.directory..")
          .layer("token")
          .definedBy("dev.outboxref.user.token..")
          .whereLayer("root")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("api")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("directory")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("application")
          .mayOnlyBeAccessedByLayers("api", "outbox", "token")
          .whereLayer("outbox")
          .mayOnlyBeAccessedByLayers("application")
          .whereLayer("token")
          .mayOnlyBeAccessedByLayers("api", "application")
          .whereLayer("domain")
          .mayOnlyBeAccessedByLayers("api", "application", "outbox", "directory");

  /** HTTP is the REST edge's business; the service's other packages never see it. */
  @ArchTest
  static final ArchRule httpOnlyAtTheRestEdge =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.outboxref.user.domain..",
              "dev.outboxref.user.outbox..",
              "dev.outboxref.user.directory..",
              "dev.outboxref.user.token..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jakarta.ws.rs..", "dev.outboxref.platform.rest..");

  /**
   * The core (use cases and domain) is free of HTTP: it throws its own exceptions, which the REST
   * edge maps to problems, so it is tested and read without JAX-RS or a server.
   */
  @ArchTest
  static final ArchRule coreIsFreeOfHttp =
      noClasses()
          .that()
          .resideInAnyPackage("dev.outboxref.user.application..", "dev.outboxref.user.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.ws.rs..", "jakarta.servlet..", "dev.outboxref.platform.rest..");

  /** Nothing but the entities and their persistence rules: no CDI, no transactions, no Kafka. */
  @ArchTest
  static final ArchRule domainIsPlainJava =
      noClasses()
          .that()
          .resideInAPackage("dev.outboxref.user.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.enterprise..",
              "jakarta.inject..",
              "jakarta.transaction..",
              "org.apache.kafka..",
              "org.eclipse.microprofile..",
              "io.grpc..");

  /** The relay's decisions are plain Java, so they are unit-tested without a server. */
  @ArchTest
  static final ArchRule relayDecisionsArePlainJava =
      noClasses()
          .that()
          .haveSimpleNameStartingWith("RelayBatch")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta..",
              "org.apache.kafka..",
              "org.eclipse.microprofile..",
              "io.opentelemetry..");

  @ArchTest
  static final ArchRule configPropertiesAreInjected =
      fields().that().areAnnotatedWith(ConfigProperty.class).should().beAnnotatedWith(Inject.class);
}
