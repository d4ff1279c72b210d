-- A deleted user stays as a tombstone: id, version and deletion time, nothing personal. Other
-- services can then tell "deleted" from "never existed" (gRPC StreamUsers / GetUser), and the
-- email is free to register again.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE users ALTER COLUMN name DROP NOT NULL;
ALTER TABLE users ALTER COLUMN nickname DROP NOT NULL;
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_live_or_tombstone CHECK (
    (deleted_at IS NULL AND email IS NOT NULL AND name IS NOT NULL AND nickname IS NOT NULL AND password_hash IS NOT NULL)
 OR (deleted_at IS NOT NULL AND email IS NULL AND name IS NULL AND nickname IS NULL AND password_hash IS NULL));

DROP INDEX users_email_uk;
CREATE UNIQUE INDEX users_email_uk ON users (lower(email)) WHERE deleted_at IS NULL;
