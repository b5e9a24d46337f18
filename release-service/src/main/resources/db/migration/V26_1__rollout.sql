-- Rollouts (issue 18): one release record taken to many customer environments. A rollout keeps how its targets were
-- chosen; each target is one environment with its state, moved by the events that already exist (release.deployed,
-- environment.versions-synced, schedule.done / schedule.changed, release.withdrawn, customer.archived) or by a person
-- (skip / fail with a reason).
create table rollout (
    id              uuid primary key,
    release_id      uuid          not null references release_record (id),
    release_number  varchar(32)   not null,
    title           varchar(300),
    selected_tags   varchar(2000),
    selected_types  varchar(100),
    all_customers   boolean       not null default false,
    created_by_id   varchar(200)  not null,
    created_by_name varchar(200)  not null,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null
);
create index rollout_release_idx on rollout (release_id, created_at desc);

create table rollout_target (
    id                  uuid primary key,
    rollout_id          uuid          not null references rollout (id),
    position            int           not null,
    customer_id         uuid          not null,
    customer_name       varchar(200)  not null,
    customer_owner_id   varchar(200),
    customer_owner_name varchar(200),
    environment_id      uuid          not null,
    environment_name    varchar(200)  not null,
    environment_type    varchar(16),
    state               varchar(16)   not null
        check (state in ('PLANNED', 'DEPLOYED', 'SYNCED', 'SKIPPED', 'FAILED')),
    -- why it is SKIPPED / FAILED: a code (SCHEDULE_CANCELLED, CUSTOMER_ARCHIVED, RELEASE_WITHDRAWN, ROLLED_BACK,
    -- BY_HAND) and a person's words
    reason_code         varchar(32),
    reason              varchar(2000),
    schedule_id         uuid,
    deployment_id       uuid,
    changed_by_id       varchar(200),
    changed_by_name     varchar(200),
    changed_at          timestamptz   not null,
    unique (rollout_id, environment_id)
);
create index rollout_target_environment_idx on rollout_target (environment_id);
create index rollout_target_schedule_idx on rollout_target (schedule_id) where schedule_id is not null;
create index rollout_target_customer_idx on rollout_target (customer_id);
