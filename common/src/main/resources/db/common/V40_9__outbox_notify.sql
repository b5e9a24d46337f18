-- Every commit that added outbox rows wakes the relays of the service's instances, whoever wrote the rows (another
-- instance, another process, psql): NOTIFY outbox_event once per inserting statement, delivered at the commit (and
-- folded into one per transaction by PostgreSQL). Each relay listens on a connection of its own (common:
-- OutboxNotifications); its poll stays as the fallback. docs/events.md, "Producing: the outbox".
create function outbox_event_notify() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('outbox_event', '');
    return null;
end
$$;

create trigger outbox_event_notify
    after insert on outbox_event
    for each statement
execute function outbox_event_notify();
