package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each Liberty container's memory limit holds what its JVM may take: the heap, class metadata and
 * code cache bounds of liberty-config's jvm.options (which every server and image uses) plus room
 * for thread stacks and native buffers, so that the kernel does not kill a pod the JVM could still
 * serve from.
 */
class ContainerMemoryTest {

  /** Thread stacks, GC structures, direct buffers (Netty, the Kafka clients): see footprint.md. */
  static final long NATIVE_MIB = 128;

  static Stream<Arguments> cases() {
    return Cases.overlayAndService().stream();
  }

  static long jvmBoundsMib() {
    String options = Repo.read(Repo.path("liberty-config/src/main/liberty/server/jvm.options"));
    return option(options, "-Xmx")
        + option(options, "-XX:MaxMetaspaceSize=")
        + option(options, "-XX:ReservedCodeCacheSize=");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void theMemoryLimitHoldsTheJvmsBounds(String overlay, Service s) {
    Map<String, Object> c =
        Rendered.container(
            LibertyDeploymentTest.deployment(Rendered.overlay(overlay), s), s.appName());
    String limit = Y.str(c, "resources", "limits", "memory");
    assertNotNull(limit, overlay + " " + s.appName() + ": no memory limit");
    long needed = jvmBoundsMib() + NATIVE_MIB;
    assertTrue(
        mib(limit) >= needed,
        overlay
            + " "
            + s.appName()
            + ": memory limit "
            + limit
            + " is below the JVM's bounds in jvm.options plus native room ("
            + needed
            + " MiB)");
  }

  /** The value of a JVM option in MiB, e.g. {@code -Xmx256m}; fails if the option is absent. */
  static long option(String options, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\d+)([kKmMgG])\\s*$").matcher(options);
    assertTrue(m.find(), "jvm.options has no " + name + " line");
    return inMib(Long.parseLong(m.group(1)), m.group(2).toLowerCase());
  }

  /** A Kubernetes quantity such as 768Mi or 1Gi in MiB. */
  static long mib(String quantity) {
    Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
    assertTrue(m.matches(), "expected a memory quantity in Mi or Gi, found " + quantity);
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("Gi") ? n * 1024 : n;
  }

  private static long inMib(long n, String unit) {
    return switch (unit) {
      case "k" -> n / 1024;
      case "g" -> n * 1024;
      default -> n;
    };
  }
}
