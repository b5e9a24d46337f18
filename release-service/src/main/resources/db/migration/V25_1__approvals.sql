-- Approvals of customer deployments (issue 18, item 3): the policy an ADMIN sets under 集成设置, the requests per
-- (release record, environment), and the Feishu card callbacks already answered (event_id, for Feishu's repeats).

create table approval_policy (
    id                  smallint     primary key check (id = 1),
    production          boolean      not null default false,
    config_change       boolean      not null default false,
    approver_roles      varchar(200) not null default '',
    approver_people     jsonb        not null default '[]',
    -- the Feishu app's callback settings (Events & Callbacks > Encryption strategy), sealed; null: the environment's
    callback_verification_token text,
    callback_encrypt_key        text,
    updated_at          timestamptz,
    updated_by          varchar(200),
    updated_by_name     varchar(200),
    version             bigint       not null default 0
);

create table approval_request (
    id                uuid         primary key,
    release_id        uuid         not null references release_record (id),
    environment_id    uuid         not null,
    environment_name  varchar(200) not null,
    customer_id       uuid         not null,
    customer_name     varchar(200) not null,
    content_hash      varchar(100) not null,
    reasons           varchar(100) not null,
    status            varchar(16)  not null check (status in ('REQUESTED', 'APPROVED', 'REJECTED')),
    note              varchar(2000),
    requested_by      varchar(200) not null,
    requested_by_name varchar(200),
    requested_at      timestamptz  not null,
    decided_by        varchar(200),
    decided_by_name   varchar(200),
    decided_at        timestamptz,
    decision_reason   varchar(2000),
    decided_via       varchar(16)  check (decided_via in ('WEB', 'FEISHU'))
);

-- one open request per record and environment; a rejected one can be asked again
create unique index approval_request_open on approval_request (release_id, environment_id) where status = 'REQUESTED';
create index approval_request_release on approval_request (release_id, environment_id, requested_at desc);

create table feishu_card_callback (
    event_id    varchar(200) primary key,
    approval_id uuid,
    received_at timestamptz  not null,
    answer      text         not null
);
