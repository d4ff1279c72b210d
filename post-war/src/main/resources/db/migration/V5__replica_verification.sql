-- The replica's verification against the user service (dev.outboxref.post.verification): one row.
-- holder/lease_until: the instance running a pass now, so two instances never run one at once;
-- the last complete pass, which every instance reports in its health and metrics.
CREATE TABLE replica_verification (
    id                  smallint     PRIMARY KEY CHECK (id = 1),
    holder              varchar(100),
    lease_until         timestamptz  NOT NULL DEFAULT '-infinity',
    last_pass_at        timestamptz,
    last_pass_millis    bigint,
    last_pass_divergent bigint,
    last_pass_repaired  bigint
);

INSERT INTO replica_verification (id) VALUES (1);
