-- the Jenkins API token is stored sealed (AES-256-GCM, "enc:v1:…"), longer than plain text; a token stored before
-- stays readable and is sealed when next saved
alter table jenkins_settings alter column api_token type text;
