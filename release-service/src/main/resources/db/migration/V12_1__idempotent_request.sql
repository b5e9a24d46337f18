-- Idempotency-Key (IETF draft; docs/idempotency.md): one row per person and key, written in the transaction of the
-- request it answers, so a repeat finds either nothing (the first failed) or the first result. Rows expire.
create table idempotent_request (
    owner             varchar(64)   not null,
    idempotency_key   varchar(255)  not null,
    -- SHA-256 of method, path and content: the same key with other content is refused
    fingerprint       varchar(64)   not null,
    response_status   integer,
    response_location varchar(1000),
    response_body     text,
    created_at        timestamptz   not null,
    expires_at        timestamptz   not null,
    primary key (owner, idempotency_key)
);
create index idempotent_request_expires_idx on idempotent_request (expires_at);
