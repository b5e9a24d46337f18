-- One audit trail (issue 16, item 4): every service's changes land in operation_log. An entry now names the kind
-- and the target of the change, the changed fields (field_changes) and further facts; entries that came as events
-- carry the event's id, unique, so one event is never recorded twice.
alter table operation_log
    add column event_id      uuid,
    add column kind          varchar(32),
    add column target_id     varchar(200),
    add column target_name   varchar(300),
    add column field_changes jsonb not null default '[]',
    add column facts         jsonb not null default '{}';

-- the entries written before get their kind and target once; the append-only guard steps aside for this migration
alter table operation_log disable trigger operation_log_append_only;
update operation_log set
    kind = case
        when action like 'CUSTOMER\_%' then 'CUSTOMER'
        when action in ('COMPONENT_CREATED', 'COMPONENT_UPDATED', 'COMPONENT_RETIRED', 'COMPONENT_REINSTATED')
            then 'COMPONENT'
        when action = 'MAINLINE_SET' then 'MAINLINE'
        when source in ('CUSTOMER_DEPLOYMENT', 'ROLLBACK') then 'DEPLOYMENT'
        when source = 'TEST_DEPLOYMENT' then 'BUILD'
        else 'ENVIRONMENT' end,
    target_id = case
        when action like 'CUSTOMER\_%' then customer_id::text
        when action in ('COMPONENT_CREATED', 'COMPONENT_UPDATED', 'COMPONENT_RETIRED', 'COMPONENT_REINSTATED',
                        'MAINLINE_SET') then coalesce(components[1], substring(detail from '^component ([^ ]+)'))
        when source in ('CUSTOMER_DEPLOYMENT', 'ROLLBACK', 'TEST_DEPLOYMENT') then deployment_id::text
        else environment_id::text end,
    target_name = case
        when action like 'CUSTOMER\_%' then customer_name
        when action in ('COMPONENT_CREATED', 'COMPONENT_UPDATED', 'COMPONENT_RETIRED', 'COMPONENT_REINSTATED',
                        'MAINLINE_SET') then coalesce(components[1], substring(detail from '^component ([^ ]+)'))
        when source in ('CUSTOMER_DEPLOYMENT', 'ROLLBACK', 'TEST_DEPLOYMENT') then release_number
        else environment_name end;
alter table operation_log enable trigger operation_log_append_only;
alter table operation_log alter column kind set not null;

create unique index operation_log_event_idx on operation_log (event_id) where event_id is not null;
create index operation_log_kind_idx on operation_log (kind, at desc);
create index operation_log_target_idx on operation_log (target_id, at desc);
create index operation_log_actor_id_idx on operation_log (actor_id, at desc);

-- TRUNCATE skips row triggers: refuse it with a statement trigger of its own
create trigger operation_log_no_truncate before truncate on operation_log
    for each statement execute function operation_log_is_append_only();
