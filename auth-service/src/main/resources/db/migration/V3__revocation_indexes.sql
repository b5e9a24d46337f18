-- the gateway asks every few seconds for sessions ended and roles changed in the last access-token lifetime
create index refresh_family_revoked_idx on refresh_family (revoked_at) where revoked_at is not null;
create index role_change_changed_at_idx on role_change (changed_at);
