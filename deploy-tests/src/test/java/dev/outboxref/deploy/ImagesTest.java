package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every image is pinned to an explicit tag (or digest), never :latest; gke pulls from Artifact
 * Registry.
 */
class ImagesTest {

  static final Pattern ARTIFACT_REGISTRY =
      Pattern.compile(
          "^[a-z0-9-]+-docker\\.pkg\\.dev/[a-z0-9-]+/[a-z0-9_.-]+/[a-z0-9_.-]+:[\\w][\\w.-]{0,127}$");

  static List<String> overlays() {
    return Repo.overlays();
  }

  /** The tag of an image reference, or null; a digest counts as a pin. */
  static String tagOf(String image) {
    if (image.contains("@sha256:")) {
      return "@digest";
    }
    String lastSegment = image.substring(image.lastIndexOf('/') + 1);
    int colon = lastSegment.indexOf(':');
    return colon < 0 ? null : lastSegment.substring(colon + 1);
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void everyImageHasAnExplicitTag(String overlay) {
    for (Map<String, Object> w : Rendered.overlay(overlay).workloads()) {
      for (Map<String, Object> c : Rendered.allContainers(Rendered.podSpec(w))) {
        String image = Y.str(c, "image");
        String where =
            overlay + ": " + Y.id(w) + " container " + Y.str(c, "name") + " image " + image;
        String tag = tagOf(image);
        assertTrue(tag != null && !tag.isBlank(), where + " has no tag");
        assertNotEquals("latest", tag, where + " uses :latest");
      }
    }
  }

  @ParameterizedTest(name = "overlay {0}")
  @MethodSource("overlays")
  void serviceImagesComeFromTheirRegistry(String overlay) {
    Rendered r = Rendered.overlay(overlay);
    for (Service s : Service.values()) {
      Map<String, Object> d = r.get("Deployment", "outboxref", s.appName());
      for (Map<String, Object> c : Rendered.allContainers(Rendered.podSpec(d))) {
        String image = Y.str(c, "image");
        assertTrue(
            image.contains("/" + s.appName() + ":") || image.startsWith(s.appName() + ":"),
            overlay + ": " + s.appName() + " runs image " + image);
        if (overlay.equals("gke")) {
          assertTrue(
              ARTIFACT_REGISTRY.matcher(image).matches(),
              "gke: " + image + " is not an Artifact Registry image with an explicit tag");
        }
      }
    }
  }
}
