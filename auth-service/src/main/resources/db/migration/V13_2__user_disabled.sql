-- an admin can disable a person: their sessions end at once, and they cannot log in until enabled again
alter table platform_user add column disabled_at timestamptz;
alter table platform_user add column disabled_by varchar(64);
alter table platform_user add column disabled_by_name varchar(200);
