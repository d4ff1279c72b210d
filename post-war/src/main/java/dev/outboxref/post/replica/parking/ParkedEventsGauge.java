package dev.outboxref.post.replica.parking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/** The gauge {@code replica_parked_events} at {@code /metrics}: how many events are parked now. */
@ApplicationScoped
public class ParkedEventsGauge {

  @Inject ParkedEvents parkedEvents;

  /** Gauges register when the bean is created: create it at start-up, not at the first scrape. */
  void register(@Observes Startup startup) {}

  @Gauge(
      name = "replica.parked.events",
      unit = MetricUnits.NONE,
      absolute = true,
      description = "Events in the parking lot now (NaN while the database is unreachable)")
  public double parkedNow() {
    try {
      return parkedEvents.count();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
