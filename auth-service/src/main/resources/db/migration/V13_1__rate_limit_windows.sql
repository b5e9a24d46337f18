-- login and refresh calls per client and minute, counted here so that every auth-service instance shares the limit
create table rate_limit_window (
    bucket       varchar(200) not null,
    window_start timestamptz  not null,
    calls        integer      not null,
    primary key (bucket, window_start)
);
create index rate_limit_window_start_idx on rate_limit_window (window_start);
