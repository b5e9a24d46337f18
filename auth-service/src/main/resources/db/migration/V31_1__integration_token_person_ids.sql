-- Who created and who revoked an integration token, as a person (issue 16, item 6): the platform person id (open_id)
-- beside the name recorded before. Earlier rows get the id of the one person who carries that name, when exactly one
-- does; otherwise they keep the name only.
alter table integration_token add column created_by_id varchar(64);
alter table integration_token add column revoked_by_id varchar(64);

update integration_token t set created_by_id = (select u.open_id from platform_user u where u.name = t.created_by)
where (select count(*) from platform_user u where u.name = t.created_by) = 1;
update integration_token t set revoked_by_id = (select u.open_id from platform_user u where u.name = t.revoked_by)
where t.revoked_by is not null and (select count(*) from platform_user u where u.name = t.revoked_by) = 1;
