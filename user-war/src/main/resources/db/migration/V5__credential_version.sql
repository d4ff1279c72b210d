-- The user's credential version: 1 at registration, +1 with every password change. An access token
-- names the credential version it was issued for; a token for an older one is refused.
ALTER TABLE users ADD COLUMN credential_version bigint NOT NULL DEFAULT 1
    CHECK (credential_version >= 1);
