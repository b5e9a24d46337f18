-- Delivery state of each notification (one row per event, recipient and channel) and the Feishu settings.

alter table notification
    add column event_type        varchar(100),
    add column recipient_role    varchar(32),
    add column recipient_name    varchar(200),
    add column title             varchar(500),
    add column card              jsonb,
    add column link              varchar(1000),
    add column message_uuid      varchar(50),
    add column feishu_message_id varchar(100),
    add column pending_since     timestamptz,
    add column next_attempt_at   timestamptz,
    add column sent_at           timestamptz,
    add column updated_at        timestamptz;

update notification
set event_type      = 'unknown',
    recipient_role  = 'UNKNOWN',
    title           = kind,
    card            = '{}'::jsonb,
    message_uuid    = id::text,
    pending_since   = created_at,
    next_attempt_at = created_at,
    updated_at      = created_at;

alter table notification
    alter column event_type set not null,
    alter column recipient_role set not null,
    alter column title set not null,
    alter column card set not null,
    alter column message_uuid set not null,
    alter column pending_since set not null,
    alter column next_attempt_at set not null,
    alter column updated_at set not null;

-- each event yields each message once
alter table notification
    add constraint notification_event_recipient_channel_uk unique (event_id, recipient, channel);
create index notification_due_idx on notification (next_attempt_at) where status = 'PENDING';
create index notification_status_idx on notification (status, created_at desc);
create index notification_recipient_idx on notification (recipient);

-- single row (id = 1): the Feishu app whose bot messages people
create table feishu_settings (
    id         smallint primary key check (id = 1),
    app_id     varchar(64),
    app_secret varchar(256),
    updated_at timestamptz not null,
    updated_by varchar(200),
    version    bigint      not null default 0
);

-- custom group bots (自定义机器人) and the event types each one receives
create table feishu_webhook (
    id         uuid primary key,
    name       varchar(100)  not null,
    url        varchar(1000) not null,
    secret     varchar(256),
    position   integer       not null,
    created_at timestamptz   not null,
    updated_at timestamptz   not null
);

create table feishu_webhook_event_type (
    webhook_id uuid         not null references feishu_webhook (id) on delete cascade,
    event_type varchar(100) not null,
    primary key (webhook_id, event_type)
);
