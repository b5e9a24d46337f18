-- Issue 16, item 5: a schedule without a title a person gave stores none; readers see "更新 <customer> /
-- <environments>" / "Update <customer> / <environments>" in their language. Titles generated before are cleared.
alter table update_schedule alter column title drop not null;
update update_schedule s set title = null
where s.title = 'Update ' || s.customer_name || ' / ' || (
    select string_agg(e.environment_name, ', ' order by e.position)
    from update_schedule_environment e where e.schedule_id = s.id);
