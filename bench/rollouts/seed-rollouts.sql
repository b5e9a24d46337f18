-- Rollouts over the customer benchmark's 3,000 environments (bench/customer/seed.sql: customer i = md5('customer' || i),
-- its environments md5('env' || i || '-' || n), n = 1 prod / 2 test / 3 dr), for the rollouts benchmark; run against
-- release-service's database after bench/plan/seed-releases.sql (records md5('bench-release' || k), BENCH-000k):
--   - records 1..100: a rollout to all customers (3,000 targets each), states spread over SYNCED, DEPLOYED, PLANNED,
--     SKIPPED (with a reason code) and FAILED (with a reason);
--   - records 1..20 (the measured ones): a newer rollout to ring-0 (customers i % 4 = 0: 750 targets), which the
--     dashboard's cell reads instead of the older one, and approval requests at ring-0's production environments:
--     an older REJECTED one and a newer APPROVED or REQUESTED one.
-- 315,000 targets and 10,000 approval requests in all.
\set ON_ERROR_STOP on
set client_min_messages = warning;

insert into rollout (id, release_id, release_number, title, selected_tags, selected_types, all_customers,
                     created_by_id, created_by_name, created_at, updated_at)
select md5('bench-rollout-all' || k)::uuid, md5('bench-release' || k)::uuid, 'BENCH-' || lpad(k::text, 4, '0'),
       'Bench rollout ' || k, null, null, true, 'bench', 'Bench', now() - ((1000 - k) || ' minutes')::interval, now()
from generate_series(1, 100) k
union all
select md5('bench-rollout-ring0' || k)::uuid, md5('bench-release' || k)::uuid, 'BENCH-' || lpad(k::text, 4, '0'),
       'Bench pilot ' || k, 'ring-0', 'PROD,TEST,OTHER', false, 'bench', 'Bench', now() - ((500 - k) || ' minutes')::interval,
       now()
from generate_series(1, 20) k;

-- target of record k at environment (i, n): position = the customer and environment order of the rollout
insert into rollout_target (id, rollout_id, position, customer_id, customer_name, customer_owner_id,
                            customer_owner_name, environment_id, environment_name, environment_type, state,
                            reason_code, reason, schedule_id, deployment_id, changed_by_id, changed_by_name, changed_at)
select md5('bench-target' || r.kind || k || '-' || i || '-' || t.n)::uuid, r.rollout, (i - 1) * 3 + t.n,
       md5('customer' || i)::uuid, 'Bench Customer ' || lpad(i::text, 4, '0'), 'owner-' || (i % 25),
       'Owner ' || (i % 25), md5('env' || i || '-' || t.n)::uuid, t.name, t.type, s.state,
       case s.state when 'SKIPPED' then 'BY_HAND' when 'FAILED' then 'BY_HAND' end,
       case s.state when 'SKIPPED' then '客户暂停升级' when 'FAILED' then '数据库迁移超时' end,
       case when s.state = 'PLANNED' then md5('bench-schedule' || k || '-' || i)::uuid end,
       case when s.state in ('DEPLOYED', 'SYNCED') then md5('bench-deployment' || k || '-' || i || '-' || t.n)::uuid end,
       'bench', 'Bench', now() - ((i % 90) || ' minutes')::interval
from generate_series(1, 100) k
cross join lateral (select 'all' as kind, md5('bench-rollout-all' || k)::uuid as rollout
                    union all
                    select 'ring0', md5('bench-rollout-ring0' || k)::uuid where k <= 20) r
cross join generate_series(1, 1000) i
cross join (values (1, 'prod', 'PROD'), (2, 'test', 'TEST'), (3, 'dr', 'OTHER')) as t(n, name, type)
cross join lateral (select (array['SYNCED', 'SYNCED', 'SYNCED', 'DEPLOYED', 'PLANNED', 'PLANNED', 'SKIPPED', 'FAILED'])
                               [1 + (i * 7 + k * 3 + t.n) % 8] as state) s
where r.kind = 'all' or i % 4 = 0;

insert into approval_request (id, release_id, environment_id, environment_name, customer_id, customer_name,
                              content_hash, reasons, status, note, requested_by, requested_by_name, requested_at,
                              decided_by, decided_by_name, decided_at, decision_reason, decided_via)
select md5('bench-approval' || a.round || '-' || k || '-' || i)::uuid, md5('bench-release' || k)::uuid,
       md5('env' || i || '-1')::uuid, 'prod', md5('customer' || i)::uuid, 'Bench Customer ' || lpad(i::text, 4, '0'),
       md5('bench-content' || k), 'PRODUCTION', a.status, null, 'bench', 'Bench',
       now() - ((600 - a.round * 100) || ' minutes')::interval,
       case when a.status <> 'REQUESTED' then 'approver' end, case when a.status <> 'REQUESTED' then 'Approver' end,
       case when a.status <> 'REQUESTED' then now() - ((590 - a.round * 100) || ' minutes')::interval end,
       case when a.status = 'REJECTED' then '先在试点环境验证' end,
       case when a.status <> 'REQUESTED' then 'FEISHU' end
from generate_series(1, 20) k
cross join generate_series(1, 1000) i
cross join lateral (select 1 as round, 'REJECTED' as status
                    union all
                    select 2, case when i % 8 = 0 then 'REQUESTED' else 'APPROVED' end) a
where i % 4 = 0;

vacuum analyze rollout;
vacuum analyze rollout_target;
vacuum analyze approval_request;
