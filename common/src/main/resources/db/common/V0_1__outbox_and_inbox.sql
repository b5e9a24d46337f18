-- Shared by every service (common module): the transactional outbox a producer writes its events to in the same
-- transaction as its state change, and the inbox an idempotent consumer records handled events in.
create table outbox_event (
    id              uuid primary key,
    event_type      varchar(100) not null,
    envelope        jsonb        not null,
    created_at      timestamptz  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null,
    last_error      varchar(2000),
    sent_at         timestamptz
);
create index outbox_event_pending_idx on outbox_event (next_attempt_at) where sent_at is null;
create index outbox_event_sent_idx on outbox_event (sent_at) where sent_at is not null;

create table inbox_message (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    event_type   varchar(100) not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);
