-- Who changed the Feishu settings, as a person (issue 16, item 6): the platform person id (open_id) beside the name.
-- Settings saved before keep the name only (notify-service never knew the id).
alter table feishu_settings add column updated_by_id varchar(64);
