package it.dev.outboxref.support;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.KafkaBroker;
import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the running system (and the OTLP receiver of its spans): one stack (PostgreSQL,
 * Kafka, both Liberty servers, Zipkin, on free ports, data in target/stack) started on first use
 * and stopped after the last test of the run.
 */
public class StackExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Stack.class || type == OtlpReceiver.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RunningStack running =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(
                RunningStack.class, key -> new RunningStack(), RunningStack.class);
    return parameter.getParameter().getType() == Stack.class ? running.stack : running.otlp;
  }

  /** Closed by JUnit when the root context closes, i.e. after every test ran. */
  static final class RunningStack implements ExtensionContext.Store.CloseableResource {
    final Stack stack;
    final OtlpReceiver otlp = new OtlpReceiver();

    RunningStack() {
      Path dataDirectory = Path.of("target", "stack").toAbsolutePath();
      StackSettings settings =
          StackSettings.forTests(dataDirectory)
              .clean()
              // telemetry on, as in Kubernetes: every span goes to the test's OTLP receiver, and to
              // the trace viewer ./stack up starts (Zipkin)
              .otlp(otlp.endpoint())
              .traceViewer()
              .jsonLogs()
              // as in Kubernetes: TLS + SCRAM-SHA-512, one Kafka user per service, no plaintext
              // listener
              .kafkaSecurity(KafkaBroker.Security.SASL_SSL)
              // a tenth of the production cost (600k, ~0.5 s a registration on a small machine):
              // registrations stay quick, and a hash (~15 ms) still stands out of a sign-in's round
              // trip, as AuthIT's timing check needs
              .serviceEnvironment(Service.USER, "PASSWORD_PBKDF2_ITERATIONS", "60000")
              // the tests play the gateway: their connections (from the loopback) are trusted
              // proxies, so their sign-ins and registrations come "from" addresses of their own
              // (X-Forwarded-For) and the per-address limits of one test spare the others;
              // RequestLimitsIT connects from another address to show the header is ignored there
              .serviceEnvironment(Service.USER, "AUTH_TRUSTED_PROXIES", "127.0.0.1/32,::1/128")
              // the suite registers thousands of users within minutes, some tests from many
              // threads at once: their hashes may queue for longer than a flood's should
              .serviceEnvironment(Service.USER, "AUTH_REGISTRATION_MAX_TOTAL", "1000000")
              .serviceEnvironment(Service.USER, "PASSWORD_HASHING_MAX_WAIT_MS", "30000")
              // a stream of a few hundred users spans several pages
              .serviceEnvironment(Service.USER, "USER_DIRECTORY_STREAM_PAGE_SIZE", "50")
              // a stream whose client stops reading ends within seconds (UserStreamLimitsIT)
              .serviceEnvironment(Service.USER, "USER_DIRECTORY_STREAM_MAX_SECONDS", "5")
              // and a write blocked on such a client's HTTP/2 window gives up as soon
              .serviceEnvironment(Service.USER, "HTTP_WRITE_TIMEOUT", "5s")
              // small batches, so a crash test can catch the relay in the middle of a backlog
              .serviceEnvironment(Service.USER, "OUTBOX_RELAY_BATCH_SIZE", "10")
              // a broker outage shows (and ends) within seconds instead of half a minute
              .serviceEnvironment(Service.USER, "OUTBOX_RELAY_BACKOFF_MAX_MS", "2000")
              .serviceEnvironment(
                  Service.USER, "MP_MESSAGING_OUTGOING_USER_EVENTS_REQUEST_TIMEOUT_MS", "3000")
              .serviceEnvironment(
                  Service.USER, "MP_MESSAGING_OUTGOING_USER_EVENTS_DELIVERY_TIMEOUT_MS", "8000")
              .serviceEnvironment(Service.USER, "OUTBOX_RELAY_ACK_TIMEOUT_MS", "12000")
              // batches of 100 (500 by default), so the crash tests' 6000 events take many polls
              // and a kill lands part-way however fast the machine
              .serviceEnvironment(Service.POST, "REPLICA_CONSUMER_MAX_POLL_RECORDS", "100")
              // the replica watchdog's bounds (30 s / 120 s by default), so its test is short
              .serviceEnvironment(Service.POST, "REPLICA_WATCHDOG_READY_STALL_SECONDS", "10")
              .serviceEnvironment(Service.POST, "REPLICA_WATCHDOG_LIVE_STALL_SECONDS", "20")
              // no verification against the user service: tests write events straight into the
              // topic for users userdb never had, which it would repair (ReplicaVerificationIT
              // runs instances of its own with it on)
              .serviceEnvironment(Service.POST, "REPLICA_VERIFICATION_ENABLED", "false");
      stack = Stack.start(settings);
    }

    @Override
    public void close() {
      stack.close();
      otlp.close();
    }
  }
}
