create table customer (
    id         uuid primary key,
    name       varchar(200) not null,
    code       varchar(64),
    contact    varchar(500),
    owner      varchar(200),
    notes      varchar(4000),
    created_at timestamptz  not null,
    version    bigint       not null default 0
);
create unique index customer_name_uq on customer (lower(name));
create unique index customer_code_uq on customer (lower(code));
