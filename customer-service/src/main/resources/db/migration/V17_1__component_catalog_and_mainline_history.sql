-- Component catalog (issue 15): what kind of component, who owns it, retired ones kept for history.
alter table component
    add column kind       varchar(20)  not null default 'SERVICE',
    add column owner      varchar(200),
    add column retired_at timestamptz,
    add column retired_by varchar(200);

alter table component
    add constraint component_kind_check
        check (kind in ('SERVICE', 'FRONTEND', 'TEMPLATE', 'CONFIGURATION', 'OTHER'));

-- Every change of a component's mainline (主线版本): from, to, when, by whom (a person or an integration) and how
-- (MANUAL by hand, CI through a build report with the build that reported it, CREATE with the component).
create table mainline_change (
    id           bigserial    primary key,
    component    varchar(100) not null references component (name),
    from_version varchar(100),
    to_version   varchar(100) not null,
    changed_at   timestamptz  not null,
    actor_id     varchar(200) not null,
    actor_name   varchar(200) not null,
    source       varchar(20)  not null check (source in ('MANUAL', 'CI', 'CREATE')),
    build        varchar(500),
    commit_id    varchar(100)
);

create index mainline_change_component_idx on mainline_change (component, changed_at desc, id desc);

-- what was set before this history existed becomes its first entry
insert into mainline_change (component, from_version, to_version, changed_at, actor_id, actor_name, source)
select name, null, mainline_version, coalesce(mainline_set_at, created_at), coalesce(mainline_set_by, 'system'),
       coalesce(mainline_set_by, 'system'), 'MANUAL'
from component where mainline_version is not null;

-- an append-only history: nothing updates or deletes an entry
create function mainline_change_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'mainline_change is append-only';
end $$;

create trigger mainline_change_append_only before update or delete on mainline_change
    for each row execute function mainline_change_append_only();
