-- 2,000 release records over the customer benchmark's 60 components (comp-01 .. comp-60, versions 2.M.P), for the
-- upgrade-plan benchmark: record k touches 1 to 3 components, each at a version spread over 2.0.0 .. 2.9.19, with a
-- ticket, an operation manual of some 400 characters and, for one in four, a config change. Run against
-- release-service's database (schema from its Flyway migrations).
\set ON_ERROR_STOP on
set client_min_messages = warning;

insert into release_record (id, number, title, description, update_type, config_change, config_notes, manual, status,
                            submitted_by_id, submitted_by_name, submitted_at, updated_at, version)
select md5('bench-release' || k)::uuid, 'BENCH-' || lpad(k::text, 4, '0'), 'Bench fix ' || k, 'benchmark record',
       (array['HOT', 'DEV', 'RE', 'FE'])[1 + k % 4], k % 4 = 0,
       case when k % 4 = 0 then 'set bench.option.' || k || ' = on in application.yml' end,
       '## 操作步骤' || chr(10) || '1. 备份配置与数据库' || chr(10) || '2. 停止服务，替换安装包 bench-' || k
           || '.tar.gz' || chr(10) || '3. 启动服务并检查健康状态' || chr(10) || '4. 执行冒烟测试：登录、查询、导出报表'
           || chr(10) || repeat('说明文字 ', 30),
       'PACKAGED', 'bench', 'Bench', now() - ((2000 - k) || ' minutes')::interval, now(), 0
from generate_series(1, 2000) k;

insert into release_ticket (release_id, position, ticket_id, url)
select md5('bench-release' || k)::uuid, 0, 'BENCH-T-' || k, 'https://tickets.example.com/BENCH-T-' || k
from generate_series(1, 2000) k;

-- item j of record k: component 1 + (k * 7 + j * 23) % 60, version index (k * 37 + j * 11) % 200 -> 2.(idx / 20).(idx % 20)
insert into release_item (release_id, position, component, version)
select md5('bench-release' || k)::uuid, j, 'comp-' || lpad((1 + (k * 7 + j * 23) % 60)::text, 2, '0'),
       '2.' || (((k * 37 + j * 11) % 200) / 20) || '.' || (((k * 37 + j * 11) % 200) % 20)
from generate_series(1, 2000) k
cross join generate_series(0, 2) j
where j <= k % 3;

vacuum analyze release_record;
vacuum analyze release_item;
vacuum analyze release_ticket;
