package dev.outboxref.user.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.grpc.Status;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DirectoryCallersTest {

  private final DirectoryCallers callers = new DirectoryCallers(Optional.of("s3cret"));

  @Test
  void theCredentialLetsTheCallThrough() {
    assertNull(callers.check("s3cret"));
  }

  @Test
  void noCredentialIsUnauthenticatedAndAnotherIsPermissionDenied() {
    assertEquals(Status.Code.UNAUTHENTICATED, callers.check(null).getCode());
    assertEquals(Status.Code.UNAUTHENTICATED, callers.check("").getCode());
    assertEquals(Status.Code.PERMISSION_DENIED, callers.check("s3cret ").getCode());
    assertEquals(Status.Code.PERMISSION_DENIED, callers.check("guess").getCode());
  }

  @Test
  void withoutACredentialConfiguredEveryCallerIsRefused() {
    DirectoryCallers closed = new DirectoryCallers(Optional.empty());
    assertEquals(Status.Code.PERMISSION_DENIED, closed.check("anything").getCode());
  }
}
