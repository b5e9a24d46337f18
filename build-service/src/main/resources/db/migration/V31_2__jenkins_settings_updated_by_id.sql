-- Who changed the Jenkins settings, as a person (issue 16, item 6): the platform person id (open_id) beside the name.
-- Settings saved before keep the name only (build-service never knew the id).
alter table jenkins_settings add column updated_by_id varchar(64);
