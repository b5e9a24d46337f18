-- short-lived, single-use download links for a build's artifact (opened from a Feishu card, where the browser has no
-- access token): only the SHA-256 of the link's secret is kept
create table download_link (
    token_hash    varchar(64)   primary key,
    build_id      uuid          not null references build (id) on delete cascade,
    relative_path varchar(1000) not null,
    created_by    varchar(64)   not null,
    created_at    timestamptz   not null,
    expires_at    timestamptz   not null,
    used_at       timestamptz
);
create index download_link_expires_at on download_link (expires_at);
