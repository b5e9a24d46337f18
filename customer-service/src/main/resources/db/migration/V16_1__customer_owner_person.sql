-- a customer's owner is a platform person (owner_id = Feishu open_id, owner = their name as shown everywhere);
-- free text written before is kept in owner_text and matched by the owner migration (PENDING → RESOLVED, or
-- UNRESOLVED with the reason, listed for an admin to fix)
alter table customer
    add column owner_id     varchar(64),
    add column owner_status varchar(16) check (owner_status in ('RESOLVED', 'PENDING', 'UNRESOLVED')),
    add column owner_text   varchar(200),
    add column owner_reason varchar(200);
update customer set owner_text = owner, owner_status = 'PENDING' where owner is not null and btrim(owner) <> '';
update customer set owner = null where owner is not null and btrim(owner) = '';
create index customer_owner_id_idx on customer (owner_id);
create index customer_owner_open_idx on customer (owner_status) where owner_status in ('PENDING', 'UNRESOLVED');
