-- The consumer's position, committed in the same transaction as the replica changes it made: for
-- each partition of the topic, the offset of the next record to apply. On assignment the consumer
-- seeks here, so a crash, a lost Kafka offset commit or a broker outage can neither skip nor
-- re-apply a record. Kafka's committed offsets of group post-service only mirror it for monitoring.
CREATE TABLE replica_offsets (
    topic            varchar(249) NOT NULL,
    kafka_partition  integer      NOT NULL,
    next_offset      bigint       NOT NULL CHECK (next_offset >= 0),
    updated_at       timestamptz  NOT NULL,
    PRIMARY KEY (topic, kafka_partition)
);
