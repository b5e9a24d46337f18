-- A notification's last error (for SKIPPED the reason) is stored as a code of the message catalogue and its
-- arguments (common StoredText, read in the reader's language: messages*.properties, delivery.*, notification.*),
-- issue 16. The texts stored before were English sentences (and, for a refused address, a Chinese one). Those
-- written by a known sentence are mapped to their code here; any other stays in last_error and is shown as it is.
-- last_error keeps its text, so an instance of the previous version still shows it during a rolling upgrade.
alter table notification
    add column last_error_text jsonb;

create function pg_temp.stored_text(code text, variadic args jsonb[]) returns jsonb
    language sql immutable as
$$
select case when bool_and(a is not null) or count(*) = 0
            then jsonb_build_object('code', code, 'args', coalesce(jsonb_agg(a order by n), '[]'::jsonb)) end
from unnest(args) with ordinality as x(a, n)
$$;

create function pg_temp.role_of(what text) returns jsonb
    language sql immutable as
$$
select pg_temp.stored_text('notification.role.' || case what
                                                      when 'schedule owner' then 'SCHEDULE_OWNER'
                                                      when 'customer owner' then 'CUSTOMER_OWNER'
                                                      when 'approver' then 'APPROVER'
                                                      when 'requester' then 'REQUESTER' end,
                           variadic array[]::jsonb[])
where what in ('schedule owner', 'customer owner', 'approver', 'requester')
$$;

-- where a call went, as delivery.where.*
create function pg_temp.where_of(t text) returns jsonb
    language plpgsql immutable as
$$
declare
    m text[];
begin
    m := regexp_match(t, '^Feishu at (\S+) for the tenant_access_token$');
    if m is not null then
        return pg_temp.stored_text('delivery.where.token', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^Feishu at (\S+)$');
    if m is not null then
        return pg_temp.stored_text('delivery.where.feishu', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^the webhook host (\S+)$');
    if m is not null then
        return pg_temp.stored_text('delivery.where.webhook', to_jsonb(m[1]));
    end if;
    return null;
end
$$;

-- The stored text of one sentence the platform wrote, or null when it is not one of them.
create function pg_temp.error_of(t text) returns jsonb
    language plpgsql immutable as
$$
declare
    m    text[];
    code text;
begin
    if t is null then
        return null;
    end if;
    if t = 'the Feishu app id and secret are not configured' then
        return pg_temp.stored_text('delivery.app-not-configured', variadic array[]::jsonb[]);
    end if;
    m := regexp_match(t, '^waiting for the card to update to be sent \(it is ([A-Z]+)\)$');
    if m is not null then
        return pg_temp.stored_text('delivery.update-waiting', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^waiting for the card to update to be sent \(it is ([A-Z]+): (.*)\)$');
    if m is not null then
        return pg_temp.stored_text('delivery.update-waiting-error', to_jsonb(m[1]), pg_temp.error_of(m[2]));
    end if;
    if t = 'the card to update was never sent; nothing to update' then
        return pg_temp.stored_text('delivery.update-never-sent', variadic array[]::jsonb[]);
    end if;
    if t = 'the group bot webhook was removed from the settings' then
        return pg_temp.stored_text('delivery.webhook-removed', variadic array[]::jsonb[]);
    end if;
    m := regexp_match(t, '^gave up after (\S+) of failures; last: (.*)$');
    if m is not null then
        return pg_temp.stored_text('delivery.gave-up', to_jsonb(m[1]), pg_temp.error_of(m[2]));
    end if;
    m := regexp_match(t, '^cannot reach (.*)$');
    if m is not null then
        return pg_temp.stored_text('delivery.unreachable', pg_temp.where_of(m[1]));
    end if;
    m := regexp_match(t, '^(.*) failed repeatedly; nothing was sent, sending is paused for a moment$');
    if m is not null then
        return pg_temp.stored_text('delivery.circuit-open', pg_temp.where_of(m[1]));
    end if;
    m := regexp_match(t, '^tenant token refused twice: (.*)$');
    if m is not null then
        return pg_temp.stored_text('delivery.token-refused-twice', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^rate limited fetching the tenant_access_token: (.*)$');
    if m is not null then
        return pg_temp.stored_text('delivery.token-rate-limited', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^Feishu refused the tenant_access_token for app (\S+) \((.*)\); check the app id and secret in the settings$');
    if m is not null then
        return pg_temp.stored_text('delivery.token-refused', to_jsonb(m[1]), to_jsonb(m[2]));
    end if;
    m := regexp_match(t, '^the webhook URL of (.*) is not a valid URL$');
    if m is not null then
        return pg_temp.stored_text('delivery.webhook-url-invalid', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^rate limited by Feishu: (.*)$');
    if m is not null then
        return pg_temp.stored_text('delivery.rate-limited', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^frequency limit: (.*)$');
    if m is not null then
        return pg_temp.stored_text('delivery.frequency-limit', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^the webhook refused the message \((.*)\)$');
    if m is not null then
        return pg_temp.stored_text('delivery.webhook-refused', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^(.*) \((HTTP \d+.*)\)$');
    if m is not null then
        code := case m[1]
                    when 'bad parameter' then 'delivery.feishu.230001'
                    when 'bot is not in the chat' then 'delivery.feishu.230002'
                    when 'bot ability not enabled for the app' then 'delivery.feishu.230006'
                    when 'user is outside the app''s availability' then 'delivery.feishu.230013'
                    when 'content too long' then 'delivery.feishu.230025'
                    when 'invalid receive_id' then 'delivery.feishu.230034'
                    when 'permission denied' then 'delivery.feishu.230035'
                    when 'user has blocked the bot' then 'delivery.feishu.230053'
                    when 'bad parameter (an unknown message id, or a message that is not a card)'
                        then 'delivery.update.230001'
                    when 'the message was recalled' then 'delivery.update.230011'
                    when 'the app lacks the permission to update messages' then 'delivery.update.230027'
                    when 'the card did not pass Feishu''s content review' then 'delivery.update.230028'
                    when 'a message can only be updated within 14 days after it was sent' then 'delivery.update.230031'
                    when 'Feishu could not build the card (for example: not a shared card, config.update_multi)'
                        then 'delivery.update.230099'
                    when 'the message was deleted' then 'delivery.update.230110'
                    when 'malformed request body' then 'delivery.webhook.9499'
                    when 'webhook access token invalid' then 'delivery.webhook.19001'
                    when 'bad msg_type' then 'delivery.webhook.19002'
                    when 'bot not enabled' then 'delivery.webhook.19007'
                    when 'signature check failed (signing secret wrong, or clock off by more than an hour)'
                        then 'delivery.webhook.19021'
                    when 'IP not allowed by the bot''s whitelist' then 'delivery.webhook.19022'
                    when 'keyword missing from the message' then 'delivery.webhook.19024' end;
        if code is not null then
            return pg_temp.stored_text('delivery.feishu-code', pg_temp.stored_text(code, variadic array[]::jsonb[]),
                                       to_jsonb(m[2]));
        end if;
        return null;
    end if;
    if t ~ '^HTTP \d+' then
        return pg_temp.stored_text('delivery.answer', to_jsonb(t));
    end if;
    -- why nobody could be messaged (NotificationPlanner)
    if t = 'the approval was decided before its card went out; nothing to ask' then
        return pg_temp.stored_text('notification.skip.decided-first', variadic array[]::jsonb[]);
    end if;
    m := regexp_match(t, '^the approval card was never sent \((.*)\); nothing to update$');
    if m is not null then
        return pg_temp.stored_text('notification.skip.card-never-sent', pg_temp.error_of(m[1]));
    end if;
    m := regexp_match(t, '^the actor is ''(.*)'', not a Feishu user; nobody to message$');
    if m is not null then
        return pg_temp.stored_text('notification.skip.actor-not-a-user', to_jsonb(m[1]));
    end if;
    m := regexp_match(t, '^the event names no (.*); nobody to message$');
    if m is not null then
        return pg_temp.stored_text('notification.skip.none', pg_temp.role_of(m[1]));
    end if;
    m := regexp_match(t, '^the (schedule owner|customer owner|approver|requester) ''(.*)'' is not a Feishu open_id \(ou_…\); nobody to message$');
    if m is not null then
        return pg_temp.stored_text('notification.skip.not-an-open-id', pg_temp.role_of(m[1]), to_jsonb(m[2]));
    end if;
    return null;
end
$$;

update notification
set last_error_text = pg_temp.error_of(last_error)
where last_error is not null;
