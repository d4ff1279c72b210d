-- The transactional outbox: one row per user event, written in the same transaction as the change.
-- A row holds everything the relay needs to publish it (key, headers, serialized event, trace
-- context), so publishing never reads the users table.
CREATE TABLE outbox (
    id                bigserial    PRIMARY KEY,          -- publication order
    event_id          uuid         NOT NULL UNIQUE,
    aggregate_id      uuid         NOT NULL,             -- user id = Kafka record key
    aggregate_version bigint       NOT NULL,
    event_type        varchar(64)  NOT NULL,
    payload           bytea        NOT NULL,             -- serialized outboxref.events.v1.UserEvent
    traceparent       varchar(55),
    tracestate        varchar(512),
    occurred_at       timestamptz  NOT NULL,
    published_at      timestamptz,
    attempts          integer      NOT NULL DEFAULT 0,
    last_error        varchar(500),
    UNIQUE (aggregate_id, aggregate_version)
);

-- The relay's work queue: small, because published rows are removed by the retention rule.
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
