package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.descriptor.Service;
import dev.outboxref.descriptor.Topics;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The service descriptor says what each module's own files say: the tests, the local stack and the
 * benchmarks use the descriptor, so a change to a pom, server.xml or microprofile-config that the
 * descriptor misses fails here.
 */
class ServiceDescriptorTest {

  @ParameterizedTest
  @EnumSource(Service.class)
  void moduleIsTheWarsArtifactIdAndFinalName(Service s) {
    assertEquals(s.module(), ServiceFiles.artifactId(s), ServiceFiles.pom(s) + " artifactId");
    assertEquals(s.module() + ".war", ServiceFiles.warName(s), ServiceFiles.pom(s) + " finalName");
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void serverNameIsTheLibertyServerOfThePom(Service s) {
    assertEquals(s.serverName(), ServiceFiles.pomText(s, "liberty.server.name"));
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void portsDatabaseAndRoleAreTheServerXmlDefaults(Service s) {
    String where = ServiceFiles.serverXml(s).toString();
    assertEquals(
        s.httpPort(), Integer.parseInt(ServiceFiles.serverVariable(s, "http.port")), where);
    assertEquals(
        s.httpsPort(), Integer.parseInt(ServiceFiles.serverVariable(s, "https.port")), where);
    assertEquals(s.database(), ServiceFiles.serverVariable(s, "db.name"), where);
    assertEquals(s.databaseRole(), ServiceFiles.serverVariable(s, "db.user"), where);
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void appNameIsTheMicroProfileAppName(Service s) {
    assertEquals(
        s.appName(),
        ServiceFiles.configProperty(s, "mp.app.name"),
        ServiceFiles.microprofileConfig(s).toString());
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void theServiceIsFoundByItsAppName(Service s) {
    assertEquals(s, Service.ofAppName(s.appName()).orElseThrow());
    assertEquals(
        Service.values().length,
        Arrays.stream(Service.values()).map(Service::appName).distinct().count());
  }

  @Test
  void userEventsIsTheTopicTheUserServicePublishesToAndThePostServiceReads() {
    assertEquals(
        Topics.USER_EVENTS,
        ServiceFiles.configProperty(Service.USER, "mp.messaging.outgoing.user-events.topic"),
        ServiceFiles.microprofileConfig(Service.USER).toString());
    assertEquals(
        Topics.USER_EVENTS,
        ServiceFiles.configProperty(Service.POST, "replica.consumer.topic"),
        ServiceFiles.microprofileConfig(Service.POST).toString());
  }
}
