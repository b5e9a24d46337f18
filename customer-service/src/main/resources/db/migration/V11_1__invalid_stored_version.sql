-- Values stored before the one version grammar (common: io.inetpublish.common.version.Version) that break it.
-- Filled by the Java migration V11_2 (db.migration.V11_2__Recompute_version_sort_keys), which also logs a WARN line
-- per value; a person corrects each value through the normal doors (environment components, mainline) and then
-- deletes its row here.
create table invalid_stored_version (
    id          bigserial primary key,
    table_name  varchar(64)  not null,
    row_key     varchar(300) not null,
    column_name varchar(64)  not null,
    value       varchar(100) not null,
    found_at    timestamptz  not null default now()
);
