package dev.outboxref.deploy;

import dev.outboxref.descriptor.Service;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/** Parameter sources shared by the tests: overlays x services. */
final class Cases {

  private Cases() {}

  static List<Arguments> overlayAndService() {
    List<Arguments> out = new ArrayList<>();
    for (String overlay : Repo.overlays()) {
      for (Service s : Service.values()) {
        out.add(Arguments.of(overlay, s));
      }
    }
    return out;
  }
}
