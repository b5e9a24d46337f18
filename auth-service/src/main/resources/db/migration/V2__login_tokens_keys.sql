-- a login in progress: the browser went to Feishu's authorize page with this state (stored hashed) and PKCE
-- challenge; consumed (deleted) by the callback, so it works once and only for a short time
create table login_state (
    state_hash    varchar(64)   primary key,
    code_verifier varchar(128)  not null,
    return_to     varchar(2000) not null,
    created_at    timestamptz   not null,
    expires_at    timestamptz   not null
);

-- one login session: every refresh token descends from the one issued at login; reuse of a rotated one revokes all
create table refresh_family (
    id             uuid primary key,
    user_id        uuid        not null references platform_user (id),
    created_at     timestamptz not null,
    revoked_at     timestamptz,
    revoked_reason varchar(32)
);
create index refresh_family_user_idx on refresh_family (user_id);

create table refresh_token (
    id         uuid primary key,
    family_id  uuid        not null references refresh_family (id),
    token_hash varchar(64) not null unique,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    rotated_at timestamptz
);
create index refresh_token_family_idx on refresh_token (family_id);

-- the keys access tokens are signed with; the private part is encrypted (AES-GCM) and never leaves this service
create table signing_key (
    kid                   varchar(64) primary key,
    algorithm             varchar(16) not null,
    public_jwk            text        not null,
    private_jwk_encrypted bytea       not null,
    created_at            timestamptz not null
);

create table role_change (
    id              uuid primary key,
    user_id         uuid        not null references platform_user (id),
    old_role        varchar(16) not null,
    new_role        varchar(16) not null,
    changed_by      varchar(64) not null,
    changed_by_name varchar(200),
    changed_at      timestamptz not null
);
create index role_change_user_idx on role_change (user_id, changed_at desc);
