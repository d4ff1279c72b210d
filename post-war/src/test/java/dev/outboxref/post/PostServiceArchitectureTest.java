package dev.outboxref.post;

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

/** The post service's dependency rules, as its package-info.java files state them. */
@AnalyzeClasses(
    packages = "dev.outboxref.post",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PostServiceArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.outboxref.post.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .ensureAllClassesAreContainedInArchitecture()
          .layer("root")
          .definedBy("dev.outboxref.post")
          .layer("api")
          .definedBy("dev.outboxref.post.api..")
          .layer("admin")
          .definedBy("dev.outboxref.post.admin..")
          .layer("application")
          .definedBy("dev.outboxref.post.application..")
          .layer("domain")
          .definedBy("dev.outboxref.post.domain..")
          .layer("replica")
          .definedBy("dev.outboxref.post.replica..")
          .layer("verification")
          .definedBy("dev.outboxref.post.verification..")
          .layer("userdirectory")
          .definedBy("dev.outboxref.post.userdirectory..")
          .whereLayer("root")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("api")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("admin")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("application")
          .mayOnlyBeAccessedByLayers("api", "replica", "userdirectory")
          .whereLayer("domain")
          .mayOnlyBeAccessedByLayers("api", "application")
          .whereLayer("verification")
          .mayOnlyBeAccessedByLayers("admin")
          .whereLayer("replica")
          .mayOnlyBeAccessedByLayers("api", "admin", "application", "verification")
          .whereLayer("userdirectory")
          .mayOnlyBeAccessedByLayers("admin", "application", "replica", "verification");

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
