-- The outbox becomes a queue: the relay deletes an event's row once the broker acknowledged it,
-- instead of setting published_at and deleting it an hour later. A delete writes no new row
-- version and no index entry; the update it replaces wrote both, about ten times the cost per row
-- (docs/architecture.md). The topic is the history of what was published.
--
-- A relay of the previous release still running against this schema fails to read or mark and
-- publishes nothing; the new release's relay, once it leads, sends what that one left unmarked.
DELETE FROM outbox WHERE published_at IS NOT NULL;
DROP INDEX outbox_unpublished_idx;
DROP INDEX outbox_published_at_idx;
ALTER TABLE outbox DROP COLUMN published_at;
