-- Which instance is looking at a build right now (issue 22, item 3). The follower that claims a build sets this until
-- what it learns from Jenkins is recorded (then null again), or until the lease runs out when that instance died
-- mid-look. While it is set nobody else claims the build: neither a round (which also waits for next_poll_at) nor a
-- look asked for now (BuildFollower.followNow, a person's cancel), which before this asked Jenkins a second time and
-- could record the start twice. Null on rows of the previous version: not being looked at.
alter table build
    add column follow_lease_until timestamptz;
