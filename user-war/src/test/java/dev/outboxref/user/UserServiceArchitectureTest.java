package dev.outboxref.user;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.outboxref.platform.PackageRules;
import jakarta.inject.Inject;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The user service's dependency rules, as its package-info.java files state them. */
@AnalyzeClasses(
    packages = "dev.outboxref.user",
    importOptions = ImportOption.DoNotIncludeTests.class)
class UserServiceArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.outboxref.user.(**)").should().beFreeOfCycles();

  /**
   * Which package may use which: the table of docs/architecture.md ({@code
   * packageTableMatchesTheDocs} fails when the two differ).
   */
  static final PackageRules PACKAGES =
      PackageRules.of("dev.outboxref.user")
          .room("api", "application", "domain", "platform.auth", "platform.rest")
          .room("application", "domain", "platform.revocation")
          .room("outbox", "application", "domain")
          .room("outbox.relay", "outbox")
          .room("directory", "domain", "platform.digest")
          .room("token", "application")
          .room("domain");

  @ArchTest static final ArchRule layers = PACKAGES.rule();

  @Test
  void packageTableMatchesTheDocs() throws IOException {
    assertEquals(PACKAGES.mayUse(), PackageRules.documented("user"));
  }

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

  /**
   * The use cases reach Kafka, gRPC and the fault-tolerance guards only through the interfaces they
   * own, which the infrastructure packages implement.
   */
  @ArchTest
  static final ArchRule applicationCallsInfrastructureThroughItsPorts =
      noClasses()
          .that()
          .resideInAPackage("dev.outboxref.user.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..", "io.grpc..", "org.eclipse.microprofile.faulttolerance..");

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
          .or()
          .haveSimpleNameStartingWith("InFlight")
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
