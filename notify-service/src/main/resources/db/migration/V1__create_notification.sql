create table notification (
    id         uuid primary key,
    event_id   uuid          not null,
    kind       varchar(64)   not null,
    channel    varchar(16)   not null,
    recipient  varchar(200)  not null,
    status     varchar(16)   not null,
    attempts   integer       not null default 0,
    last_error varchar(2000),
    created_at timestamptz   not null,
    version    bigint        not null default 0
);
create index notification_created_idx on notification (created_at desc);
