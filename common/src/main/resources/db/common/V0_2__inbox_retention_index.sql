-- The housekeeping of the messaging mechanism deletes inbox records older than the retention period
-- (inetpublish.messaging.consumer.inbox-retention); this keeps that delete cheap on a large inbox.
create index inbox_message_processed_idx on inbox_message (processed_at);
