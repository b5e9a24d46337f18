-- The Jenkins a build was triggered on: its log, artifacts and stop requests go only there, and only while that
-- is still the configured Jenkins. Builds from before this column have none (the configured Jenkins is used).
alter table build add column jenkins_base_url text;
