-- Counters of the request limits (sign-in failures, registrations), shared by all instances of the
-- user service. A key names what is counted ("account:<email>", "address:<ip>", ...); count is the
-- attempts in the window that began at window_start, last_at the latest one. Rows untouched for a
-- day are purged by the service (RequestLimits).
CREATE TABLE request_limits (
    key          text        PRIMARY KEY,
    count        integer     NOT NULL,
    window_start timestamptz NOT NULL,
    last_at      timestamptz NOT NULL
);

CREATE INDEX request_limits_last_at ON request_limits (last_at);
