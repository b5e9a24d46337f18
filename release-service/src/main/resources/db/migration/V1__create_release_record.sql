create table release_record (
    id                uuid primary key,
    number            varchar(32)  not null unique,
    title             varchar(300) not null,
    update_type       varchar(8)   not null check (update_type in ('HOT', 'DEV', 'RE', 'FE')),
    status            varchar(32)  not null,
    submitted_by_id   varchar(64)  not null,
    submitted_by_name varchar(200) not null,
    submitted_at      timestamptz  not null,
    version           bigint       not null default 0
);

create table update_schedule (
    id         uuid primary key,
    title      varchar(300) not null,
    planned_at timestamptz  not null,
    status     varchar(32)  not null,
    owner_name varchar(200),
    version    bigint       not null default 0
);
