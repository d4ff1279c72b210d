-- GET /api/users pages live users by keyset, in (created_at, id) order: each page starts in this
-- index right after the cursor instead of counting and skipping the users before it.
CREATE INDEX users_live_created_idx ON users (created_at, id) WHERE deleted_at IS NULL;
