create table platform_user (
    id            uuid primary key,
    open_id       varchar(64)  not null unique,
    union_id      varchar(64),
    name          varchar(200) not null,
    en_name       varchar(200),
    avatar_url    varchar(1000),
    email         varchar(320),
    role          varchar(16)  not null check (role in ('VIEWER', 'DEVELOPER', 'TESTER', 'SUPPORT', 'ADMIN')),
    created_at    timestamptz  not null,
    last_login_at timestamptz,
    version       bigint       not null default 0
);
