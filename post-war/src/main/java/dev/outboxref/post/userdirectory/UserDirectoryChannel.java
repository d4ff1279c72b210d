package dev.outboxref.post.userdirectory;

import dev.outboxref.proto.users.v1.GetUserRequest;
import dev.outboxref.proto.users.v1.User;
import dev.outboxref.proto.users.v1.UserDirectoryGrpc;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one long-lived gRPC channel to the user service's directory (HTTP/2 multiplexes every call on
 * it; it reconnects by itself): traced, carrying the service credential, warmed up at start-up and
 * shut down with the application. {@link UserDirectoryClient} makes the calls on it.
 */
@ApplicationScoped
public class UserDirectoryChannel {

  @Inject
  @ConfigProperty(name = "user-service.grpc.target")
  String target;

  /** The service credential the user directory asks of every call (docs/security.md). */
  @Inject
  @ConfigProperty(name = "user-service.grpc.credential", defaultValue = "")
  String credential;

  @Inject
  @ConfigProperty(name = "user-service.grpc.tls", defaultValue = "false")
  boolean tls;

  @Inject OpenTelemetry openTelemetry;

  private static final Logger LOG = Logger.getLogger(UserDirectoryChannel.class.getName());
  private static final long WARM_UP_DEADLINE_SECONDS = 15;
  private static final int WARM_UP_ATTEMPTS = 120;

  @Resource ManagedScheduledExecutorService scheduler;

  private ManagedChannel channel;

  @PostConstruct
  void open() {
    URI address = URI.create("grpc://" + target);
    ManagedChannelBuilder<?> builder =
        ManagedChannelBuilder.forTarget(target)
            .intercept(
                new GrpcClientTracing(openTelemetry, address.getHost(), address.getPort()),
                MetadataUtils.newAttachHeadersInterceptor(credentialMetadata()));
    channel = (tls ? builder.useTransportSecurity() : builder.usePlaintext()).build();
  }

  private Metadata credentialMetadata() {
    Metadata metadata = new Metadata();
    if (credential.isBlank()) {
      LOG.warning(
          "user-service.grpc.credential is not set: the user directory will refuse every call");
    } else {
      metadata.put(CREDENTIAL, credential);
    }
    return metadata;
  }

  /** The metadata key of the service credential. */
  static final Metadata.Key<String> CREDENTIAL =
      Metadata.Key.of("x-service-credential", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * Connects at start-up and sends one call with a generous deadline, repeated while the user
   * service is not up yet, so that neither the HTTP/2 connection nor the user service's first-call
   * initialisation (a second or more) lands on a user request with its short deadline. Any answer
   * of the user service, NOT_FOUND included, means it is warm. UNIMPLEMENTED is retried like
   * UNAVAILABLE: Liberty's HTTP port answers 404 (text/html) before the user service's application
   * has started, and giving up then left the first user request to the cold call (PostsApiIT's post
   * right after registration got 503 whenever the post service started well before the user
   * service).
   */
  void warmUp(@Observes Startup startup) {
    warmUp(1);
  }

  private void warmUp(int attempt) {
    UserDirectoryGrpc.newStub(channel)
        .withDeadlineAfter(WARM_UP_DEADLINE_SECONDS, TimeUnit.SECONDS)
        .getUser(
            GetUserRequest.newBuilder().setUserId(new UUID(0, 0).toString()).build(),
            new StreamObserver<>() {
              @Override
              public void onNext(User user) {}

              @Override
              public void onError(Throwable e) {
                Status status = Status.fromThrowable(e);
                boolean notUpYet =
                    status.getCode() == Status.Code.UNAVAILABLE
                        || status.getCode() == Status.Code.UNIMPLEMENTED;
                if (notUpYet && attempt < WARM_UP_ATTEMPTS) {
                  scheduler.schedule(() -> warmUp(attempt + 1), 1, TimeUnit.SECONDS);
                } else if (status.getCode() != Status.Code.NOT_FOUND) {
                  LOG.info("Warm-up call to the user directory at " + target + ": " + status);
                }
              }

              @Override
              public void onCompleted() {}
            });
  }

  @PreDestroy
  void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  Channel channel() {
    return channel;
  }

  /** Where the user service is ({@code host:port}), for messages. */
  String target() {
    return target;
  }
}
