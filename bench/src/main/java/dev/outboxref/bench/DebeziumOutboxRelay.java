package dev.outboxref.bench;

import dev.outboxref.descriptor.Topics;
import dev.outboxref.stack.Database;
import dev.outboxref.stack.Poll;
import dev.outboxref.stack.Stack;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;

/**
 * Debezium doing the relay's job on the same outbox: its embedded engine with the PostgreSQL
 * connector reads the outbox's inserts from the write-ahead log (logical replication, pgoutput),
 * its outbox event router makes each row the record the relay sends (key aggregate_id, value
 * payload, the relay's headers from columns, content-type by Kafka Connect's InsertHeader, the
 * router's own id header dropped), and a producer with the relay's settings sends them. A batch is
 * handled as Debezium Server's Kafka sink handles one: all sent, all acknowledgements awaited, then
 * marked processed. The bytes are made by Kafka Connect's converters (StringConverter for the key,
 * ByteArrayConverter for the value, SimpleHeaderConverter for headers), as a Connect worker
 * configured with them would make them.
 *
 * <p>Debezium's tuning is its default, {@code poll.interval.ms} aside: it is how long the connector
 * waits for a batch to fill before it hands over what it has, so it bounds the latency at low
 * rates, and the bench runs it at the values it is given.
 */
final class DebeziumOutboxRelay implements AutoCloseable {

  private static final String SLOT = "bench_outbox";
  private static final String PUBLICATION = "bench_outbox";
  private static final String SERVER = "bench";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Database database;
  private final KafkaProducer<byte[], byte[]> producer;
  // a daemon: an engine left running by a failed bench must not keep the JVM from exiting
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "debezium-engine");
            t.setDaemon(true);
            return t;
          });
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final StringConverter keys = new StringConverter();
  private final ByteArrayConverter values = new ByteArrayConverter();
  private final SimpleHeaderConverter headers = new SimpleHeaderConverter();
  private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

  private DebeziumOutboxRelay(Stack stack, int pollIntervalMs) {
    database = stack.database();
    producer =
        new KafkaProducer<>(
            RelayProducerSettings.of(stack), new ByteArraySerializer(), new ByteArraySerializer());
    keys.configure(Map.of(), true);
    values.configure(Map.of(), false);
    headers.configure(Map.of());
    engine =
        DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
            .using(config(stack, pollIntervalMs))
            .using(
                (success, message, error) -> {
                  if (success) {
                    finished.complete(null);
                  } else {
                    finished.completeExceptionally(new IllegalStateException(message, error));
                  }
                })
            .notifying(this::handleBatch)
            .build();
  }

  /** The publication Debezium reads: the outbox's inserts, the only changes the router routes. */
  static void createPublication(Stack stack) throws Exception {
    try (Connection c = admin(stack.database());
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE PUBLICATION " + PUBLICATION + " FOR TABLE outbox WITH (publish = 'insert')");
    }
  }

  /**
   * A new replication slot: its stream starts at this moment, so the engine started next relays
   * exactly what is committed from now on, even what is committed before the engine runs.
   */
  static void createSlot(Stack stack) throws Exception {
    try (Connection c = admin(stack.database());
        PreparedStatement st =
            c.prepareStatement("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
      st.setString(1, SLOT);
      st.executeQuery().close();
    }
  }

  /** Starts the engine on the slot made by {@link #createSlot}, once its stream is connected. */
  static DebeziumOutboxRelay start(Stack stack, int pollIntervalMs) throws Exception {
    DebeziumOutboxRelay relay = new DebeziumOutboxRelay(stack, pollIntervalMs);
    try {
      relay.executor.execute(relay.engine);
      relay.awaitStreaming();
      return relay;
    } catch (Exception e) {
      relay.close();
      throw e;
    }
  }

  /** The version of Debezium's PostgreSQL connector on the class path. */
  static String version() {
    return io.debezium.connector.postgresql.Module.version();
  }

  private static Properties config(Stack stack, int pollIntervalMs) {
    Properties p = new Properties();
    p.setProperty("name", "bench-debezium-outbox");
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    // the slot holds the position between runs; offsets need not outlive the engine
    p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
    p.setProperty("database.hostname", stack.database().host());
    p.setProperty("database.port", Integer.toString(stack.database().port()));
    p.setProperty("database.user", stack.database().adminRole()); // needs REPLICATION
    p.setProperty("database.dbname", Database.USER_DB.name());
    p.setProperty("topic.prefix", SERVER);
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", SLOT);
    p.setProperty("publication.name", PUBLICATION);
    p.setProperty("publication.autocreate.mode", "disabled");
    p.setProperty("table.include.list", "public.outbox");
    // the outbox is a queue: what was in it before the slot is not Debezium's to send
    p.setProperty("snapshot.mode", "no_data");
    p.setProperty("poll.interval.ms", Integer.toString(pollIntervalMs));
    // the relay's headers and no others: none of Debezium's own context headers
    p.setProperty("extended.headers.enabled", "false");
    p.setProperty("transforms", "outbox,contentType,dropId");
    p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
    p.setProperty("transforms.outbox.table.field.event.id", "event_id");
    p.setProperty("transforms.outbox.table.field.event.key", "aggregate_id");
    p.setProperty("transforms.outbox.table.field.event.payload", "payload");
    p.setProperty("transforms.outbox.route.by.field", "event_type");
    p.setProperty("transforms.outbox.route.topic.replacement", Topics.USER_EVENTS);
    p.setProperty(
        "transforms.outbox.table.fields.additional.placement",
        "event_id:header:event-id,event_type:header:event-type,"
            + "aggregate_version:header:aggregate-version,"
            + "traceparent:header:traceparent,tracestate:header:tracestate");
    p.setProperty(
        "transforms.contentType.type", "org.apache.kafka.connect.transforms.InsertHeader");
    p.setProperty("transforms.contentType.header", "content-type");
    p.setProperty("transforms.contentType.value.literal", RelayProducerSettings.CONTENT_TYPE);
    // the router always puts the event id into a header "id"; the relay's name for it is event-id
    p.setProperty("transforms.dropId.type", "org.apache.kafka.connect.transforms.DropHeaders");
    p.setProperty("transforms.dropId.headers", "id");
    return p;
  }

  private void handleBatch(
      List<RecordChangeEvent<SourceRecord>> records,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    for (RecordChangeEvent<SourceRecord> record : records) {
      acks.add(producer.send(toKafka(record.record())));
    }
    for (int i = 0; i < records.size(); i++) {
      try {
        acks.get(i).get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("the broker did not acknowledge a record", e.getCause());
      }
      committer.markProcessed(records.get(i));
    }
    committer.markBatchFinished();
  }

  private ProducerRecord<byte[], byte[]> toKafka(SourceRecord r) {
    RecordHeaders kafkaHeaders = new RecordHeaders();
    for (Header h : r.headers()) {
      byte[] value = headers.fromConnectHeader(r.topic(), h.key(), h.schema(), h.value());
      if (value != null) { // as the relay, which leaves out a header it has no value for
        kafkaHeaders.add(h.key(), value);
      }
    }
    return new ProducerRecord<>(
        r.topic(),
        null,
        keys.fromConnectData(r.topic(), r.keySchema(), r.key()),
        values.fromConnectData(r.topic(), r.valueSchema(), r.value()),
        kafkaHeaders);
  }

  /** Until the connector's streaming metrics say its replication stream is connected. */
  private void awaitStreaming() throws Exception {
    MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    ObjectName streaming =
        new ObjectName("debezium.postgres:type=connector-metrics,context=streaming,*");
    Poll.until(
        "Debezium to stream (its connector's metrics)",
        START_TIMEOUT,
        Duration.ofMillis(100),
        () -> {
          if (connected(mbeans, streaming)) {
            return true;
          }
          if (finished.isDone()) {
            try {
              finished.get(); // throws the engine's failure
            } catch (ExecutionException e) {
              throw new IllegalStateException("Debezium failed before it streamed", e.getCause());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException(e);
            }
            throw new IllegalStateException("Debezium stopped before it streamed");
          }
          return false;
        },
        streams -> streams);
  }

  private static boolean connected(MBeanServer mbeans, ObjectName streaming) {
    try {
      for (ObjectName name : mbeans.queryNames(streaming, null)) {
        if (Boolean.TRUE.equals(mbeans.getAttribute(name, "Connected"))) {
          return true;
        }
      }
      return false;
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the engine (it flushes what it has), then drops the slot, so the WAL is not held. */
  @Override
  public void close() throws Exception {
    try {
      if (!finished.isDone()) { // a failed engine has shut itself down, and refuses a second close
        engine.close();
      }
      executor.shutdown();
      if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Debezium did not stop within 60 s");
      }
    } finally {
      producer.close();
      dropSlot();
    }
  }

  private void dropSlot() throws Exception {
    try (Connection c = admin(database);
        PreparedStatement drop =
            c.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                    + " WHERE slot_name = ? AND NOT active");
        PreparedStatement exists =
            c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
      drop.setString(1, SLOT);
      exists.setString(1, SLOT);
      // the walsender ends shortly after the engine's connection closes
      Poll.until(
          "replication slot " + SLOT + " to be dropped",
          Duration.ofSeconds(30),
          Duration.ofMillis(100),
          () -> {
            try {
              drop.executeQuery().close();
              try (ResultSet rs = exists.executeQuery()) {
                return !rs.next();
              }
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          },
          dropped -> dropped);
    }
  }

  private static Connection admin(Database database) throws Exception {
    return database.connectAsAdmin(Database.USER_DB.name());
  }
}
