-- 跳过 (issue 17): a person decided that an environment does not take a release record, and why. One mark per
-- record and environment; upgrade plans show the record as skipped, compare and impact search show the mark.
create table release_skip (
    release_id      uuid          not null references release_record (id) on delete cascade,
    environment_id  uuid          not null,
    environment_name varchar(300) not null,
    customer_id     uuid          not null,
    customer_name   varchar(300)  not null,
    reason          varchar(2000) not null,
    skipped_by_id   varchar(64)   not null,
    skipped_by_name varchar(200)  not null,
    skipped_at      timestamptz   not null,
    primary key (release_id, environment_id)
);
create index release_skip_environment_idx on release_skip (environment_id);

-- A customer deployment recorded as part of an upgrade plan (one per covered record, recorded together): the plan
-- deployment groups them; the evidence is stored once, with the first, and shown for every one.
create table plan_deployment (
    id              uuid primary key,
    environment_id  uuid          not null,
    environment_name varchar(300) not null,
    customer_id     uuid          not null,
    customer_name   varchar(300)  not null,
    target          varchar(2000) not null,
    bundle_build_id uuid,
    deployed_at     timestamptz   not null,
    recorded_by_id  varchar(64)   not null,
    recorded_by_name varchar(200) not null,
    recorded_at     timestamptz   not null
);
create index plan_deployment_environment_idx on plan_deployment (environment_id, recorded_at desc);

alter table customer_deployment add column plan_deployment_id uuid references plan_deployment (id);
alter table customer_deployment add column plan_position integer;
alter table customer_deployment add column evidence_deployment_id uuid references customer_deployment (id);
create index customer_deployment_plan_idx on customer_deployment (plan_deployment_id);
