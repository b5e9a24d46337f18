-- Large objects staged for a bundle and not yet published (LargeObjectBundleStore): a row per staged object, written in
-- the transaction that creates it and removed in the one that publishes or discards it. A row that outlives its copy
-- (the process died half-way) tells the orphan sweep which object to remove.
create table bundle_staging (
    oid         oid          primary key,
    storage_key varchar(200) not null,
    staged_at   timestamptz  not null
);
