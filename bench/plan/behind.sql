-- The measured environments (the production environments of the first 100 benchmark customers): every one of their 60
-- components 5 patch versions behind its mainline (mainline 2.M.P -> index M*20+P-5), so a plan to mainline moves
-- all 60. Run against customer-service's database after bench/customer/seed.sql.
\set ON_ERROR_STOP on
create or replace function pg_temp.vkey(v text) returns text language sql immutable as $$
    select string_agg('5' || lpad(length(p)::text, 3, '0') || p, '' order by ord) || '2'
    from unnest(string_to_array(v, '.')) with ordinality as t(p, ord)
$$;
update environment_component ec
set version = b.version, sort_key = pg_temp.vkey(b.version)
from (select c.name, '2.' || ((split_part(c.mainline_version, '.', 2)::int * 20 + split_part(c.mainline_version, '.', 3)::int - 5) / 20)
             || '.' || ((split_part(c.mainline_version, '.', 2)::int * 20 + split_part(c.mainline_version, '.', 3)::int - 5) % 20) as version
      from component c where c.name like 'comp-%') b
where ec.component = b.name
  and ec.environment_id in (select md5('env' || i || '-1')::uuid from generate_series(1, 100) i);
vacuum analyze environment_component;
