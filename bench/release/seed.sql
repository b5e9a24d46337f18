-- 5,000 release records with 3 items, 1 ticket and a SUBMITTED timeline entry each, spread over ~2 years.
truncate release_record, release_number_counter cascade;

insert into release_record (id, number, title, description, update_type, config_change, config_notes, manual, status,
                            submitted_by_id, submitted_by_name, submitted_at, updated_at, version)
select md5('rel' || g)::uuid,
       'REL-BENCH-' || lpad(g::text, 5, '0'),
       'Fix ' || (array ['login timeout', 'report export', 'gateway 502', 'template typo', 'cache eviction'])[1 + g % 5]
           || ' #' || g,
       'benchmark record ' || g,
       (array ['HOT', 'DEV', 'RE', 'FE'])[1 + g % 4],
       g % 3 = 0,
       case when g % 3 = 0 then 'set option ' || g end,
       '# Steps' || chr(10) || repeat('Stop the service, replace the jar, start it again. ', 20) || 'marker-' || g,
       (array ['SUBMITTED', 'IN_TEST', 'TESTED', 'PACKAGED', 'DEPLOYED', 'COMPLETED', 'WITHDRAWN'])[1 + g % 7],
       'u' || (g % 25), 'User ' || (g % 25),
       now() - make_interval(mins => g * 200),
       now() - make_interval(mins => g * 200),
       0
from generate_series(1, 5000) g;

insert into release_item (release_id, position, component, version)
select md5('rel' || g)::uuid, k, 'comp-' || ((g * 7 + k * 13) % 60), '2.' || (g % 9) || '.' || k
from generate_series(1, 5000) g, generate_series(0, 2) k;

insert into release_ticket (release_id, position, ticket_id, url)
select md5('rel' || g)::uuid, 0, 'T-' || g, 'https://tickets.example.com/T-' || g
from generate_series(1, 5000) g;

insert into release_timeline (release_id, action, actor_id, actor_name, at, detail)
select md5('rel' || g)::uuid, 'SUBMITTED', 'u' || (g % 25), 'User ' || (g % 25), now() - make_interval(mins => g * 200),
       'seeded'
from generate_series(1, 5000) g;

analyze;
