-- Release records with tickets, items and their timeline; customer deployments with evidence; packages; update
-- schedules. V1's two minimal tables never held data anyone relies on, so they are replaced rather than altered.
drop table update_schedule;
drop table release_record;

-- REL-<year>-<seq>: one counter row per year, incremented with INSERT .. ON CONFLICT DO UPDATE (row lock held until
-- the submitting transaction ends, so concurrent submits never share a number).
create table release_number_counter (
    year       integer primary key,
    last_value integer not null
);

create table release_record (
    id                uuid primary key,
    number            varchar(32)  not null unique,
    title             varchar(300) not null,
    description       text,
    update_type       varchar(8)   not null check (update_type in ('HOT', 'DEV', 'RE', 'FE')),
    config_change     boolean      not null,
    config_notes      text,
    manual            text,
    -- a projection of the timeline, recomputed whenever an entry is appended (see ReleaseStatus); never set by hand
    status            varchar(32)  not null,
    submitted_by_id   varchar(64)  not null,
    submitted_by_name varchar(200) not null,
    submitted_at      timestamptz  not null,
    updated_at        timestamptz  not null,
    version           bigint       not null default 0
);
create index release_record_submitted_idx on release_record (submitted_at desc, id);
create index release_record_status_idx on release_record (status, submitted_at desc);
create index release_record_submitter_idx on release_record (lower(submitted_by_name));

create table release_ticket (
    release_id uuid          not null references release_record (id) on delete cascade,
    position   integer       not null,
    ticket_id  varchar(100)  not null,
    url        varchar(1000),
    primary key (release_id, position)
);
create index release_ticket_ticket_idx on release_ticket (lower(ticket_id));

create table release_item (
    release_id uuid         not null references release_record (id) on delete cascade,
    position   integer      not null,
    component  varchar(100) not null,
    version    varchar(100) not null,
    primary key (release_id, position)
);
create index release_item_component_idx on release_item (component);

create table release_timeline (
    id               bigint generated always as identity primary key,
    release_id       uuid         not null references release_record (id) on delete cascade,
    action           varchar(40)  not null,
    actor_id         varchar(64)  not null,
    actor_name       varchar(200) not null,
    at               timestamptz  not null,
    detail           text,
    environment_id   uuid,
    environment_name varchar(300),
    -- the build (test deployment / package) or the customer deployment the entry is about
    ref_id           uuid,
    -- makes replays of the same outside fact (a build outcome, a sync) a no-op
    dedup_key        varchar(200),
    unique (release_id, dedup_key)
);
create index release_timeline_release_idx on release_timeline (release_id, id);

create table release_package (
    id            bigint generated always as identity primary key,
    release_id    uuid          not null references release_record (id) on delete cascade,
    build_id      uuid          not null,
    file_name     varchar(500)  not null,
    relative_path varchar(1000) not null,
    size_bytes    bigint,
    sha256        varchar(64),
    finished_at   timestamptz   not null,
    unique (build_id, relative_path)
);
create index release_package_release_idx on release_package (release_id);

create table customer_deployment (
    id               uuid primary key,
    release_id       uuid         not null references release_record (id),
    kind             varchar(16)  not null check (kind in ('DEPLOY', 'ROLLBACK')),
    customer_id      uuid         not null,
    customer_name    varchar(300) not null,
    deployed_at      timestamptz  not null,
    notes            text,
    package_build_id uuid,
    recorded_by_id   varchar(64)  not null,
    recorded_by_name varchar(200) not null,
    recorded_at      timestamptz  not null
);
create index customer_deployment_release_idx on customer_deployment (release_id);

create table deployment_environment (
    id               uuid primary key,
    deployment_id    uuid         not null references customer_deployment (id) on delete cascade,
    position         integer      not null,
    environment_id   uuid         not null,
    environment_name varchar(300) not null,
    sync_status      varchar(16)  not null check (sync_status in ('PENDING', 'SYNCED')),
    synced_at        timestamptz,
    unique (deployment_id, environment_id)
);
create index deployment_environment_env_idx on deployment_environment (environment_id);

create table deployment_version (
    deployment_environment_id uuid         not null references deployment_environment (id) on delete cascade,
    position                  integer      not null,
    component                 varchar(100) not null,
    version                   varchar(100) not null,
    primary key (deployment_environment_id, position)
);

-- Evidence bytes live here, written from the upload stream and read back in slices; EXTERNAL storage keeps them
-- uncompressed out of line so substring() reads only the slice it needs.
create table deployment_evidence (
    id            uuid primary key,
    deployment_id uuid         not null references customer_deployment (id) on delete cascade,
    position      integer      not null,
    file_name     varchar(500) not null,
    kind          varchar(16)  not null,
    content_type  varchar(100) not null,
    size_bytes    bigint       not null,
    sha256        varchar(64),
    content       bytea        not null,
    uploaded_at   timestamptz  not null
);
alter table deployment_evidence alter column content set storage external;
create index deployment_evidence_deployment_idx on deployment_evidence (deployment_id);

create table update_schedule (
    id                   uuid primary key,
    title                varchar(300) not null,
    customer_id          uuid         not null,
    customer_name        varchar(300) not null,
    customer_owner       varchar(200),
    planned_at           timestamptz  not null,
    time_zone            varchar(64)  not null,
    content              text,
    owner_id             varchar(64),
    owner_name           varchar(200),
    status               varchar(16)  not null check (status in ('PLANNED', 'DONE', 'CANCELLED')),
    cancel_reason        text,
    done_at              timestamptz,
    cancelled_at         timestamptz,
    created_by_id        varchar(64)  not null,
    created_by_name      varchar(200) not null,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    due_soon_notified_at timestamptz,
    overdue_notified_at  timestamptz,
    version              bigint       not null default 0
);
create index update_schedule_status_planned_idx on update_schedule (status, planned_at);
create index update_schedule_customer_idx on update_schedule (customer_id, planned_at);

create table update_schedule_environment (
    schedule_id      uuid         not null references update_schedule (id) on delete cascade,
    position         integer      not null,
    environment_id   uuid         not null,
    environment_name varchar(300) not null,
    primary key (schedule_id, position)
);
create index update_schedule_environment_env_idx on update_schedule_environment (environment_id);

create table update_schedule_release (
    schedule_id    uuid        not null references update_schedule (id) on delete cascade,
    position       integer     not null,
    release_id     uuid        not null references release_record (id),
    release_number varchar(32) not null,
    primary key (schedule_id, position)
);
create index update_schedule_release_release_idx on update_schedule_release (release_id);

create table update_schedule_ticket (
    schedule_id uuid          not null references update_schedule (id) on delete cascade,
    position    integer       not null,
    ticket_id   varchar(100)  not null,
    url         varchar(1000),
    primary key (schedule_id, position)
);
