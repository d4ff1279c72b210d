package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.stack.Database;
import dev.outboxref.stack.Database.ServiceDatabase;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.StackExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One database per service, owned by its own role, migrated by Flyway at start-up. */
@ExtendWith(StackExtension.class)
class DatabaseIsolationIT {

  @Test
  void eachServiceSchemaIsMigratedAndOwnedByItsRole(Stack stack) throws SQLException {
    assertMigrated(stack, Database.USER_DB, "users");
    assertMigrated(stack, Database.POST_DB, "posts");
    assertMigrated(stack, Database.POST_DB, "user_replica");
  }

  @Test
  void aServiceRoleCannotConnectToTheOtherServicesDatabase(Stack stack) {
    Database db = stack.database();
    SQLException refused =
        assertThrows(
            SQLException.class,
            () ->
                connect(
                        db,
                        Database.USER_DB.name(),
                        Database.POST_DB.role(),
                        db.password(Database.POST_DB))
                    .close());
    assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
    assertThrows(
        SQLException.class,
        () ->
            connect(
                    db,
                    Database.POST_DB.name(),
                    Database.USER_DB.role(),
                    db.password(Database.USER_DB))
                .close());
  }

  @Test
  void aWrongPasswordIsRefused(Stack stack) {
    Database db = stack.database();
    SQLException refused =
        assertThrows(
            SQLException.class,
            () -> connect(db, Database.USER_DB.name(), Database.USER_DB.role(), "wrong").close());
    assertTrue(
        refused.getMessage().contains("password authentication failed"), refused.getMessage());
  }

  private static void assertMigrated(Stack stack, ServiceDatabase db, String table)
      throws SQLException {
    try (Connection c = stack.database().connectAs(db);
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = '"
                  + table
                  + "'")) {
        assertTrue(rs.next(), table + " missing in " + db.name());
        assertEquals(db.role(), rs.getString(1));
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*) FILTER (WHERE NOT success) FROM flyway_schema_history")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "failed migrations in " + db.name());
      }
    }
  }

  private static Connection connect(Database db, String database, String user, String password)
      throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + database, user, password);
  }
}
