package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What distinguishes the environments: gke is highly available, dev is as small as it gets. */
class OverlayShapeTest {

  static int brokers(Rendered r) {
    return r.all("KafkaNodePool").stream()
        .filter(p -> Y.strings(p, "spec", "roles").contains("broker"))
        .mapToInt(p -> ((Number) Y.at(p, "spec", "replicas")).intValue())
        .sum();
  }

  @Test
  void gkeIsHighlyAvailable() {
    Rendered r = Rendered.overlay("gke");
    for (Service s : Service.values()) {
      Map<String, Object> d = r.get("Deployment", "outboxref", s.appName());
      Map<String, Object> podLabels = Y.map(d, "spec", "template", "metadata", "labels");
      assertTrue(
          ((Number) Y.at(d, "spec", "replicas")).intValue() >= 2,
          "gke: " + s.appName() + " needs 2+ replicas");
      List<Map<String, Object>> pdbs =
          r.all("PodDisruptionBudget").stream()
              .filter(
                  p ->
                      Y.map(p, "spec", "selector", "matchLabels").entrySet().stream()
                          .allMatch(
                              e ->
                                  String.valueOf(e.getValue())
                                      .equals(String.valueOf(podLabels.get(e.getKey())))))
              .toList();
      assertEquals(1, pdbs.size(), "gke: " + s.appName() + " needs one PodDisruptionBudget");
      r.all("HorizontalPodAutoscaler").stream()
          .filter(h -> s.appName().equals(Y.str(h, "spec", "scaleTargetRef", "name")))
          .forEach(
              h ->
                  assertTrue(
                      ((Number) Y.at(h, "spec", "minReplicas")).intValue() >= 2,
                      "gke: HPA of " + s.appName() + " may scale below 2"));
    }
    assertTrue(brokers(r) >= 3, "gke: at least 3 Kafka brokers");
    assertTrue(
        r.all("KafkaNodePool").stream()
            .anyMatch(
                p ->
                    Y.strings(p, "spec", "roles").equals(List.of("controller"))
                        && ((Number) Y.at(p, "spec", "replicas")).intValue() >= 3),
        "gke: 3 dedicated KRaft controllers");
    for (Map<String, Object> c : r.all("Cluster")) {
      assertTrue(
          ((Number) Y.at(c, "spec", "instances")).intValue() >= 2,
          "gke: " + Y.id(c) + " needs a standby");
    }
  }

  @Test
  void devIsSmall() {
    Rendered r = Rendered.overlay("dev");
    assertEquals(1, brokers(r), "dev: one Kafka broker");
    assertEquals(1, r.all("KafkaNodePool").size(), "dev: one (dual-role) node pool");
    for (Service s : Service.values()) {
      Map<String, Object> d = r.get("Deployment", "outboxref", s.appName());
      assertEquals(1, ((Number) Y.at(d, "spec", "replicas")).intValue(), "dev: one " + s.appName());
    }
  }
}
