-- Who set a component's mainline, who retired it and who last changed an environment's component version, as
-- people (issue 16, item 6): the platform person id (open_id, or an integration's id for a CI report) beside the
-- name recorded before. Earlier rows take the id their history recorded with the same change.
alter table component add column mainline_set_by_id varchar(200);
alter table component add column retired_by_id varchar(200);
alter table environment_component add column updated_by_id varchar(200);

-- the mainline's last change (entries written before that history existed named the person twice: no id then)
update component c set mainline_set_by_id = m.actor_id
from (select distinct on (component) component, actor_id, actor_name
      from mainline_change order by component, changed_at desc, id desc) m
where m.component = c.name and c.mainline_version is not null and m.actor_id <> m.actor_name;

-- the version's last change in the environment's history
update environment_component ec set updated_by_id = h.actor_id
from (select distinct on (environment_id, component) environment_id, component, actor_id, actor_name
      from environment_component_history order by environment_id, component, at desc, id desc) h
where h.environment_id = ec.environment_id and h.component = ec.component and h.actor_name = ec.updated_by;
