package dev.outboxref.post;

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

/** The post service's dependency rules, as its package-info.java files state them. */
@AnalyzeClasses(
    packages = "dev.outboxref.post",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PostServiceArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.outboxref.post.(**)").should().beFreeOfCycles();

  /**
   * Which package may use which: the table of docs/architecture.md ({@code
   * packageTableMatchesTheDocs} fails when the two differ).
   */
  static final PackageRules PACKAGES =
      PackageRules.of("dev.outboxref.post")
          .room("api", "application", "domain", "platform.auth", "platform.rest")
          .room(
              "admin",
              "replica",
              "replica.parking",
              "userdirectory",
              "verification",
              "platform.rest")
          .room("application", "domain", "platform.revocation")
          .room("replica", "application", "userdirectory")
          .room("replica.consumer", "replica", "platform.kafka")
          .room("replica.parking", "replica", "replica.consumer")
          .room("verification", "replica", "userdirectory", "platform.digest")
          .room("userdirectory", "application")
          .room("domain");

  @ArchTest static final ArchRule layers = PACKAGES.rule();

  @Test
  void packageTableMatchesTheDocs() throws IOException {
    assertEquals(PACKAGES.mayUse(), PackageRules.documented("post"));
  }

  /** HTTP is the REST edges' business (api, admin); the service's other packages never see it. */
  @ArchTest
  static final ArchRule httpOnlyAtTheRestEdges =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.outboxref.post.domain..",
              "dev.outboxref.post.replica..",
              "dev.outboxref.post.verification..",
              "dev.outboxref.post.userdirectory..")
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
          .resideInAnyPackage("dev.outboxref.post.application..", "dev.outboxref.post.domain..")
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
          .resideInAPackage("dev.outboxref.post.application..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..", "io.grpc..", "org.eclipse.microprofile.faulttolerance..");

  /** Nothing but the entity and its rules: no CDI, no transactions, no messaging, no gRPC. */
  @ArchTest
  static final ArchRule domainIsPlainJava =
      noClasses()
          .that()
          .resideInAPackage("dev.outboxref.post.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta.enterprise..",
              "jakarta.inject..",
              "jakarta.transaction..",
              "org.apache.kafka..",
              "org.eclipse.microprofile..",
              "io.grpc..");

  /**
   * The consumer's decisions (decode, plan, classify a failure, apply or park) are plain Java over
   * Kafka's record types, so they are unit-tested without a server, a broker or a database.
   */
  @ArchTest
  static final ArchRule consumerDecisionsArePlainJava =
      noClasses()
          .that()
          .haveSimpleNameStartingWith("BatchPlan")
          .or()
          .haveSimpleNameStartingWith("BatchApplier")
          .or()
          .haveSimpleNameStartingWith("FailureKind")
          .or()
          .haveSimpleNameStartingWith("UserEventDecoder")
          .or()
          .haveSimpleNameStartingWith("ReplicaChange")
          .or()
          .haveSimpleNameStartingWith("ConsumerPositions")
          .or()
          .haveSimpleNameStartingWith("PositionCheck")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta..", "javax.sql..", "org.eclipse.microprofile..", "io.opentelemetry..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.apache.kafka.clients.consumer.KafkaConsumer");

  /** How a pass searches, decides and paces is plain Java, unit-tested without a server. */
  @ArchTest
  static final ArchRule verificationDecisionsArePlainJava =
      noClasses()
          .that()
          .haveSimpleNameStartingWith("Verifier")
          .or()
          .haveSimpleNameStartingWith("Divergence")
          .or()
          .haveSimpleNameStartingWith("Pacer")
          .or()
          .haveSimpleNameStartingWith("DigestSource")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "jakarta..", "javax.sql..", "org.eclipse.microprofile..", "io.grpc..");

  @ArchTest
  static final ArchRule configPropertiesAreInjected =
      fields().that().areAnnotatedWith(ConfigProperty.class).should().beAnnotatedWith(Inject.class);
}
