-- Seeds the customer-service benchmark database (schema created by the service's Flyway migrations):
-- 1,000 customers x 3 environments x 60 components = 180,000 environment components, two history rows each,
-- 20 operation-log entries per environment. Versions are dotted numbers 2.M.P; their sort keys follow
-- VersionOrder.sortKey (a number run -> '5' + 3-digit length + digits, end of a plain version -> '2').
\set ON_ERROR_STOP on
set client_min_messages = warning;

create or replace function pg_temp.vkey(v text) returns text language sql immutable as $$
    select string_agg('5' || lpad(length(p)::text, 3, '0') || p, '' order by ord) || '2'
    from unnest(string_to_array(v, '.')) with ordinality as t(p, ord)
$$;

-- the operation log refuses UPDATE/DELETE (row trigger) and TRUNCATE (statement trigger, V18_1): both step aside here
alter table operation_log disable trigger operation_log_append_only;
alter table operation_log disable trigger operation_log_no_truncate;
truncate operation_log, environment_component_history, environment_component, applied_deployment,
    environment, customer_tag, customer, component cascade;

insert into component (name, description, mainline_version, mainline_sort_key, mainline_set_at, mainline_set_by,
                       created_at)
select 'comp-' || lpad(i::text, 2, '0'), 'benchmark component ' || i, '2.' || (5 + i % 5) || '.' || (i % 20),
       pg_temp.vkey('2.' || (5 + i % 5) || '.' || (i % 20)), now() - interval '1 day', 'bench', now()
from generate_series(1, 60) i;

insert into customer (id, name, code, contact, owner, notes, created_at, version, archived)
select md5('customer' || i)::uuid, 'Bench Customer ' || lpad(i::text, 4, '0'), 'BC' || lpad(i::text, 4, '0'),
       'contact ' || i, 'owner-' || (i % 25), null, now() - interval '30 days', 0, false
from generate_series(1, 1000) i;

insert into customer_tag (customer_id, tag)
select md5('customer' || i)::uuid, 'ring-' || (i % 4) from generate_series(1, 1000) i;

insert into environment (id, customer_id, name, type, internal_test, jenkins_target, notes, created_at, version)
select md5('env' || i || '-' || t.n)::uuid, md5('customer' || i)::uuid, t.name, t.type, false, null, null,
       now() - interval '30 days', 0
from generate_series(1, 1000) i
cross join (values (1, 'prod', 'PROD'), (2, 'test', 'TEST'), (3, 'dr', 'OTHER')) as t(n, name, type);

insert into environment_component (environment_id, component, version, sort_key, release_id, release_number,
                                   updated_at, updated_by)
select md5('env' || i || '-' || n)::uuid, 'comp-' || lpad(c::text, 2, '0'), v.version, pg_temp.vkey(v.version),
       md5('release' || ((i + c) % 400))::uuid, 'R-' || ((i + c) % 400), now() - (((i * 7 + c) % 90) || ' days')::interval,
       'bench'
from generate_series(1, 1000) i
cross join generate_series(1, 3) n
cross join generate_series(1, 60) c
cross join lateral (select '2.' || ((i * 7 + c * 3 + n) % 10) || '.' || ((i * 13 + c * 5 + n) % 20) as version) v;

insert into environment_component_history (environment_id, component, from_version, to_version, source, release_id,
                                           release_number, deployment_id, actor_id, actor_name, at)
select ec.environment_id, ec.component, null, '2.0.0', 'MANUAL', null, null, null, 'bench', 'bench',
       ec.updated_at - interval '100 days'
from environment_component ec
union all
select ec.environment_id, ec.component, '2.0.0', ec.version, 'CUSTOMER_DEPLOYMENT', ec.release_id,
       ec.release_number, md5('deployment' || ec.release_number)::uuid, 'bench', 'bench', ec.updated_at
from environment_component ec;

insert into operation_log (at, actor_id, actor_name, action, customer_id, customer_name, environment_id,
                           environment_name, components, changes, update_type, config_change, release_id,
                           release_number, deployment_id, source, detail, kind, target_id, target_name)
select now() - ((k * 1000 + i) || ' minutes')::interval, 'u-' || (i % 25), 'Operator ' || (i % 25),
       'VERSIONS_SYNCED', c.id, c.name, e.id, e.name,
       array['comp-' || lpad((1 + k % 60)::text, 2, '0'), 'comp-' || lpad((1 + (k + 7) % 60)::text, 2, '0')],
       jsonb_build_array(
           jsonb_build_object('component', 'comp-' || lpad((1 + k % 60)::text, 2, '0'), 'from', '2.1.0', 'to', '2.2.0'),
           jsonb_build_object('component', 'comp-' || lpad((1 + (k + 7) % 60)::text, 2, '0'), 'from', '2.1.0',
                              'to', '2.2.0')),
       (array['HOT', 'DEV', 'RE', 'FE'])[1 + k % 4], k % 3 = 0, md5('release' || k)::uuid, 'R-' || k,
       md5('deployment' || i || '-' || k)::uuid, 'CUSTOMER_DEPLOYMENT', null,
       'DEPLOYMENT', md5('deployment' || i || '-' || k)::text, 'R-' || k
from generate_series(1, 1000) i
join customer c on c.id = md5('customer' || i)::uuid
join environment e on e.customer_id = c.id
cross join generate_series(1, 20) k;

alter table operation_log enable trigger operation_log_append_only;
alter table operation_log enable trigger operation_log_no_truncate;
vacuum analyze;
