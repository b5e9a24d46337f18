-- Jenkins connection and job settings: a single row (id = 1). Absent until an admin saves them; until then the
-- service uses the defaults from its environment (JENKINS_URL, JENKINS_USER, ...).
create table jenkins_settings (
    id                      smallint primary key check (id = 1),
    base_url                varchar(500) not null,
    username                varchar(200) not null,
    api_token               varchar(500) not null,
    test_deploy_job         varchar(500) not null,
    package_job             varchar(500) not null,
    release_number_param    varchar(100) not null,
    components_param        varchar(100) not null,
    target_environment_param varchar(100) not null,
    updated_at              timestamptz  not null,
    updated_by_name         varchar(200) not null,
    version                 bigint       not null default 0
);

-- What the follower needs to resume a build after a restart, everything in the database.
alter table build
    add column requested_by_id      varchar(200),
    add column environment_id       uuid,
    add column environment_name     varchar(200),
    add column jenkins_target       varchar(200),
    add column release_number       varchar(100),
    add column release_title        varchar(500),
    add column job_path             varchar(500),
    add column parameters           text,
    add column trigger_sent_at      timestamptz,
    add column queue_id             bigint,
    add column queue_why            varchar(1000),
    add column jenkins_url          varchar(1000),
    add column result               varchar(16),
    add column reason               varchar(1000),
    add column started_at           timestamptz,
    add column finished_at          timestamptz,
    add column next_poll_at         timestamptz,
    add column poll_failures        integer not null default 0,
    add column last_contact_at      timestamptz,
    add column queue_missing_since  timestamptz;

update build set requested_by_id = 'unknown' where requested_by_id is null;
alter table build alter column requested_by_id set not null;

create index build_follow_idx on build (next_poll_at) where status in ('UNCONFIRMED', 'QUEUED', 'RUNNING');
create index build_queue_idx on build (queue_id) where queue_id is not null;

create table build_item (
    build_id  uuid         not null references build (id) on delete cascade,
    position  integer      not null,
    component varchar(200) not null,
    version   varchar(100) not null,
    primary key (build_id, position)
);

create table build_artifact (
    build_id      uuid          not null references build (id) on delete cascade,
    position      integer       not null,
    file_name     varchar(500)  not null,
    relative_path varchar(1000) not null,
    size_bytes    bigint,
    sha256        varchar(64),
    primary key (build_id, position)
);
