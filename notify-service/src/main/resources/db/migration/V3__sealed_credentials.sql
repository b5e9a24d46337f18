-- the Feishu app secret and bot signing secrets are stored sealed (AES-256-GCM, "enc:v1:…"), longer than plain text;
-- values stored before stay readable and are sealed when next saved
alter table feishu_settings alter column app_secret type text;
alter table feishu_webhook alter column secret type text;
