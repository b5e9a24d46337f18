-- Issue 16, item 5: a timeline entry records facts (numbers, versions, names, counts) that the web app writes as a
-- sentence in the reader's language; detail stays only for old entries that V19_2 cannot read as facts.
alter table release_timeline add column facts jsonb;
