-- What a test deployment or package built (ContentHash of its component versions), so that editing the record marks
-- those builds outdated. Rows from before have no hash: unknown, treated as current.
alter table release_timeline add column content_hash varchar(64);
alter table release_package add column content_hash varchar(64);
