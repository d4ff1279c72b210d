-- Users of the system. Emails are unique regardless of case.
CREATE TABLE users (
    id            uuid         PRIMARY KEY,
    email         varchar(254) NOT NULL,
    name          varchar(100) NOT NULL,
    nickname      varchar(50)  NOT NULL,
    password_hash varchar(200) NOT NULL,
    version       bigint       NOT NULL CHECK (version >= 1),
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL
);

CREATE UNIQUE INDEX users_email_uk ON users (lower(email));
