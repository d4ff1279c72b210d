package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Problems;
import it.dev.outboxref.support.Snapshots;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UsersApi;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The user change and its event commit together or not at all. The failure is real: a trigger in
 * userdb makes the outbox insert fail after the service has already written the user row (it
 * flushes the user first), and the whole transaction must roll back.
 */
@ExtendWith(StackExtension.class)
class OutboxAtomicityIT {

  /** The nickname of the probe registration: its event carries it, so the trigger can see it. */
  private static final String MARKER = "atomicity-probe";

  @Test
  void aFailureAfterTheUserRowLeavesNeitherUserNorEvent(Stack stack) throws SQLException {
    long usersBefore = Snapshots.userCount(stack);
    try (Connection admin = stack.database().connectAsAdmin(Service.USER.database());
        Statement st = admin.createStatement()) {
      st.execute(
          """
          CREATE FUNCTION fail_probe_event() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF position('%s'::bytea IN NEW.payload) > 0 THEN
              RAISE EXCEPTION 'injected failure: outbox insert refused';
            END IF;
            RETURN NEW;
          END $$"""
              .formatted(MARKER));
      st.execute(
          "CREATE TRIGGER fail_probe_event BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION fail_probe_event()");
      try {
        String email = MARKER + "-" + System.nanoTime() + "@example.com";
        HttpResponse<String> response =
            new UsersApi(stack.userService())
                .post(UsersApi.registration(email, MARKER, UsersApi.PASSWORD));

        Problems.problem(response, 500);
        try (ResultSet rs =
            st.executeQuery("SELECT count(*) FROM users WHERE email = '" + email + "'")) {
          rs.next();
          assertEquals(0, rs.getLong(1), "the user row was rolled back");
        }
        // the event was refused by the trigger; what must not survive it is the user
        assertEquals(usersBefore, Snapshots.userCount(stack), "no user without its event");
      } finally {
        st.execute("DROP TRIGGER fail_probe_event ON outbox");
        st.execute("DROP FUNCTION fail_probe_event()");
      }
    }
    // the service is not left broken by the failure
    new UsersApi(stack.userService()).register("after-probe");
  }
}
