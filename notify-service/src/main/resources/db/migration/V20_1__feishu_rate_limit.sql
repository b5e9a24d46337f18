-- Feishu's rate limits (per bot, per app, per person) counted here, so that every notify-service instance shares
-- them: two instances never send more than Feishu allows between them (FeishuRateLimiter).
-- One row per limited key; locked while a call is granted, and holding Feishu's "wait until" after a 429.
create table feishu_rate_limit (
    limit_key     varchar(200) primary key,
    blocked_until timestamptz
);

-- the calls granted in the last minute (older ones are deleted), per key
create table feishu_rate_grant (
    limit_key  varchar(200) not null,
    granted_at timestamptz  not null
);
create index feishu_rate_grant_key_idx on feishu_rate_grant (limit_key, granted_at desc);
create index feishu_rate_grant_at_idx on feishu_rate_grant (granted_at);
