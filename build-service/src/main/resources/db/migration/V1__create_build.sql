create table build (
    id                   uuid primary key,
    release_id           uuid         not null,
    type                 varchar(16)  not null check (type in ('TEST_DEPLOY', 'PACKAGE')),
    status               varchar(32)  not null,
    requested_by_name    varchar(200) not null,
    requested_at         timestamptz  not null,
    jenkins_build_number integer,
    version              bigint       not null default 0
);
create index build_release_idx on build (release_id);
