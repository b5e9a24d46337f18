-- Customer versions: tags and archiving of customers, environments, the component catalog, the component versions
-- installed in each environment with their history, the append-only operation log and applied deployments.
--
-- Every *_sort_key column holds VersionOrder.sortKey(version): a string whose byte order ("C" collation) is the
-- platform's version ordering, so range queries and "behind mainline" run inside PostgreSQL on an index.

alter table customer add column archived   boolean     not null default false;
alter table customer add column updated_at timestamptz;
create index customer_owner_idx on customer (owner);

create table customer_tag (
    customer_id uuid        not null references customer (id),
    tag         varchar(64) not null,
    primary key (customer_id, tag)
);
create index customer_tag_tag_idx on customer_tag (tag);

create table environment (
    id             uuid primary key,
    customer_id    uuid          not null references customer (id),
    name           varchar(200)  not null,
    type           varchar(16)   not null check (type in ('TEST', 'PROD', 'OTHER')),
    internal_test  boolean       not null default false,
    jenkins_target varchar(200),
    notes          varchar(4000),
    created_at     timestamptz   not null,
    updated_at     timestamptz,
    version        bigint        not null default 0
);
create unique index environment_customer_name_uq on environment (customer_id, lower(name));
create index environment_internal_test_idx on environment (internal_test) where internal_test;

create table component (
    name              varchar(100) primary key,
    description       varchar(2000),
    mainline_version  varchar(100),
    mainline_sort_key text collate "C",
    mainline_set_at   timestamptz,
    mainline_set_by   varchar(200),
    created_at        timestamptz  not null
);

create table environment_component (
    environment_id uuid         not null references environment (id),
    component      varchar(100) not null references component (name),
    version        varchar(100) not null,
    sort_key       text collate "C" not null,
    release_id     uuid,
    release_number varchar(100),
    updated_at     timestamptz  not null,
    updated_by     varchar(200) not null,
    primary key (environment_id, component)
);
-- impact search: one component, a range of sort keys
create index environment_component_component_key_idx on environment_component (component, sort_key);

create table environment_component_history (
    id             bigserial primary key,
    environment_id uuid         not null references environment (id),
    component      varchar(100) not null,
    from_version   varchar(100),
    to_version     varchar(100),
    source         varchar(32)  not null
        check (source in ('MANUAL', 'CUSTOMER_DEPLOYMENT', 'TEST_DEPLOYMENT', 'ROLLBACK')),
    release_id     uuid,
    release_number varchar(100),
    deployment_id  uuid,
    actor_id       varchar(200) not null,
    actor_name     varchar(200) not null,
    at             timestamptz  not null
);
create index environment_component_history_env_idx
    on environment_component_history (environment_id, component, at desc, id desc);

-- Names are copied into the log on purpose (no foreign keys): an entry shows what was true when it was written.
create table operation_log (
    id               bigserial primary key,
    at               timestamptz  not null,
    actor_id         varchar(200) not null,
    actor_name       varchar(200) not null,
    action           varchar(64)  not null,
    customer_id      uuid,
    customer_name    varchar(200),
    environment_id   uuid,
    environment_name varchar(200),
    components       text[]       not null default '{}',
    changes          jsonb        not null default '[]',
    update_type      varchar(16),
    config_change    boolean,
    release_id       uuid,
    release_number   varchar(100),
    deployment_id    uuid,
    source           varchar(32),
    detail           varchar(4000)
);
create index operation_log_at_idx on operation_log (at desc, id desc);
create index operation_log_customer_idx on operation_log (customer_id, at desc);
create index operation_log_environment_idx on operation_log (environment_id, at desc);
create index operation_log_actor_idx on operation_log (actor_name, at desc);
create index operation_log_components_idx on operation_log using gin (components);

create function operation_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'operation_log is append-only';
end;
$$;
create trigger operation_log_append_only before update or delete on operation_log
    for each row execute function operation_log_is_append_only();

-- (deployment, environment) pairs a version sync already applied: a second delivery changes nothing
create table applied_deployment (
    deployment_id  uuid        not null,
    environment_id uuid        not null references environment (id),
    applied_at     timestamptz not null,
    primary key (deployment_id, environment_id)
);
