-- a schedule's owner is a platform person (owner_id = Feishu open_id, owner_name their name); schedules whose owner
-- was free text (owner_id null) are matched by the owner migration, owner_reason says why one matched nobody
alter table update_schedule add column owner_reason varchar(200);
