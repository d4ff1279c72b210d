-- The post service's own copy of the user data it shows, fed by events from topic user-events.
-- version is the newest user version applied; a deleted user stays as a tombstone (deleted = true).
CREATE TABLE user_replica (
    user_id    uuid         PRIMARY KEY,
    name       varchar(100) NOT NULL,
    nickname   varchar(50)  NOT NULL,
    version    bigint       NOT NULL CHECK (version >= 1),
    deleted    boolean      NOT NULL DEFAULT false,
    updated_at timestamptz  NOT NULL
);

CREATE TABLE posts (
    id         uuid          PRIMARY KEY,
    author_id  uuid          NOT NULL,
    title      varchar(200)  NOT NULL,
    content    varchar(10000) NOT NULL,
    version    bigint        NOT NULL DEFAULT 1,
    created_at timestamptz   NOT NULL,
    updated_at timestamptz   NOT NULL
);

CREATE INDEX posts_author_created_idx ON posts (author_id, created_at, id);
