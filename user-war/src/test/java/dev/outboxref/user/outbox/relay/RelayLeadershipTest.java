package dev.outboxref.user.outbox.relay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class RelayLeadershipTest {

  @Test
  void aTryForTheLockThatFailsGivesItsConnectionBackToThePool() {
    AtomicBoolean closed = new AtomicBoolean();
    Connection broken =
        (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close")) {
                    closed.set(true);
                    return null;
                  }
                  throw new SQLException("connection reset");
                });
    RelayLeadership leadership = new RelayLeadership();
    leadership.sessions =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> broken);

    assertFalse(leadership.lead());
    assertTrue(closed.get(), "the pool's connection was closed, not leaked");
  }
}
