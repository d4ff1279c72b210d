-- The user's credential version at the applied version (0 when only events from before the contract
-- carried it were applied): a token issued for an older one is refused (the password changed since).
ALTER TABLE user_replica ADD COLUMN credential_version bigint NOT NULL DEFAULT 0
    CHECK (credential_version >= 0);
