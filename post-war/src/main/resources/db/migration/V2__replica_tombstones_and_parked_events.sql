-- A deleted user stays in the replica as a tombstone: its id and final version, no personal data,
-- so a late older event cannot bring it back.
ALTER TABLE user_replica ALTER COLUMN name DROP NOT NULL;
ALTER TABLE user_replica ALTER COLUMN nickname DROP NOT NULL;
ALTER TABLE user_replica ADD CONSTRAINT user_replica_profile_unless_deleted CHECK (
    (deleted AND name IS NULL AND nickname IS NULL)
    OR (NOT deleted AND name IS NOT NULL AND nickname IS NOT NULL));

-- When the applied version happened at the user service (the event's occurred_at): with updated_at,
-- how far behind the replica runs.
ALTER TABLE user_replica ADD COLUMN source_occurred_at timestamptz;

-- Events the consumer could not apply and will never be able to as they are (undecodable, unknown
-- type, invalid): kept with everything needed to inspect, replay or discard them, so the stream
-- behind them keeps flowing.
CREATE TABLE parked_events (
    id               bigserial    PRIMARY KEY,
    topic            varchar(249) NOT NULL,
    kafka_partition  integer      NOT NULL,
    kafka_offset     bigint       NOT NULL,
    record_key       text,
    payload          bytea,
    headers          text         NOT NULL,
    reason           varchar(1000) NOT NULL,
    parked_at        timestamptz  NOT NULL,
    UNIQUE (topic, kafka_partition, kafka_offset)
);
