-- Issue 17: the platform keeps the packages (bundles). A PACKAGE build's artifacts are copied from Jenkins into the
-- platform's own storage (a directory or PostgreSQL large objects, see bundle_blob) before the build is shown as
-- downloadable; the build row says where its bundle is in that life.
alter table build
    add column bundle_status        varchar(16)  not null default 'NONE'
        check (bundle_status in ('NONE', 'STORING', 'STORED', 'FAILED', 'EXPIRED')),
    add column bundle_store         varchar(16),
    add column bundle_reason        varchar(1000),
    add column bundle_attempts      integer      not null default 0,
    add column bundle_first_try_at  timestamptz,
    add column bundle_stored_at     timestamptz,
    add column bundle_removed_at    timestamptz;
create index build_bundle_stored_idx on build (bundle_stored_at) where bundle_status = 'STORED';

-- what Jenkins said about each file (its fingerprint MD5 when the job records fingerprints) and where the platform
-- keeps it
alter table build_artifact
    add column md5         varchar(32),
    add column storage_key varchar(200);

-- A delta bundle is built for an upgrade plan of one environment instead of one release record: no release_id, the
-- environment, the plan's link and the records it applies (in order).
alter table build alter column release_id drop not null;
alter table build
    add column plan_ref      varchar(1000),
    add column customer_name varchar(200);
create index build_environment_idx on build (environment_id) where environment_id is not null;
create table build_release (
    build_id       uuid         not null references build (id) on delete cascade,
    position       integer      not null,
    release_id     uuid         not null,
    release_number varchar(100) not null,
    primary key (build_id, position)
);

-- Downloads in progress (any instance): a retention run never removes a bundle with a live reader.
create table bundle_reader (
    id           uuid        primary key,
    build_id     uuid        not null references build (id) on delete cascade,
    started_at   timestamptz not null,
    heartbeat_at timestamptz not null
);
create index bundle_reader_build_idx on bundle_reader (build_id);

-- Customer deployments that used a build's bundle (release.deployed's packageBuildId): never removed by retention.
create table bundle_reference (
    build_id      uuid        not null,
    deployment_id uuid        not null,
    recorded_at   timestamptz not null,
    primary key (build_id, deployment_id)
);

-- The PostgreSQL large-object store: key -> large object, written before this row exists (publishing is the insert).
create table bundle_blob (
    storage_key varchar(200) primary key,
    oid         oid          not null,
    size_bytes  bigint       not null,
    created_at  timestamptz  not null
);
