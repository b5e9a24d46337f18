-- Integration tokens (集成设置): a machine's credential for calling the platform (a CI reporting main-branch builds).
-- An ADMIN creates one with a name and scopes; its secret is shown once and stored only as a SHA-256 hash. A CI
-- exchanges client_id + secret for a short access token (OAuth 2.0 client credentials) carrying the scopes and
-- sid = id, so revoking it also puts its live access tokens on the gateway's revocation list.
create table integration_token (
    id           uuid primary key,
    name         varchar(100) not null,
    client_id    varchar(64)  not null unique,
    secret_hash  varchar(64)  not null,
    scopes       text[]       not null,
    created_at   timestamptz  not null,
    created_by   varchar(200) not null,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   varchar(200)
);

-- names are unique among the tokens in use
create unique index integration_token_active_name_idx on integration_token (lower(name)) where revoked_at is null;
create index integration_token_revoked_idx on integration_token (revoked_at) where revoked_at is not null;
