package dev.outboxref.user.directory;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Lets only callers that present the directory's service credential through: every call of every
 * method of the user directory carries it as metadata {@code x-service-credential}, and a call
 * without it is UNAUTHENTICATED, one with another value PERMISSION_DENIED, before the service sees
 * it. The credential is {@code user-directory.caller-credential} (environment variable
 * USER_DIRECTORY_CALLER_CREDENTIAL: the local stack's secrets, a Kubernetes Secret); without one
 * configured every call is refused. This holds inside the mesh too: Istio's policy is a second
 * wall, not the only one. Registered for every gRPC service of the server in server.xml ({@code
 * <grpc serverInterceptors>}), so Liberty creates it.
 */
public class DirectoryCallers implements ServerInterceptor {

  /** The metadata key the callers send the credential in. */
  public static final Metadata.Key<String> CREDENTIAL =
      Metadata.Key.of("x-service-credential", Metadata.ASCII_STRING_MARSHALLER);

  private final Optional<byte[]> expected;

  /** As Liberty creates it: the credential from the configuration. */
  public DirectoryCallers() {
    this(
        ConfigProvider.getConfig()
            .getOptionalValue("user-directory.caller-credential", String.class)
            .filter(c -> !c.isBlank()));
  }

  DirectoryCallers(Optional<String> credential) {
    this.expected = credential.map(c -> c.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    Status refusal = check(headers.get(CREDENTIAL));
    if (refusal != null) {
      call.close(refusal, new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }

  /** Null if the credential lets the call through, else the status that refuses it. */
  Status check(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Status.UNAUTHENTICATED.withDescription(
          "The user directory needs the service credential (metadata x-service-credential).");
    }
    boolean valid =
        expected.isPresent()
            && MessageDigest.isEqual(expected.get(), presented.getBytes(StandardCharsets.UTF_8));
    return valid
        ? null
        : Status.PERMISSION_DENIED.withDescription(
            "This service credential may not call the user directory.");
  }
}
