-- Issue 18: once an approval is decided, every approver's card is updated to show the decision
-- (PATCH /open-apis/im/v1/messages/:message_id, docs/feishu-card-callback.md §7).
-- approval_id: the approval a card asks about (APPROVAL_REQUESTED) or an update shows (APPROVAL_CARD_UPDATE);
-- updates_notification_id: for an update, the card (its row, and so its Feishu message id) it replaces.
alter table notification
    add column approval_id             uuid,
    add column updates_notification_id uuid references notification (id);

-- the cards sent before: their buttons carry the approval id
update notification
set approval_id = (jsonb_path_query_first(card, '$.**.value.approvalId') #>> '{}')::uuid
where kind = 'APPROVAL_REQUESTED'
  and jsonb_path_exists(card, '$.**.value.approvalId ? (@ like_regex "^[0-9a-fA-F-]{36}$")');

create index notification_approval_idx on notification (approval_id) where approval_id is not null;
