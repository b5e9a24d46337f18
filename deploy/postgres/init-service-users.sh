#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised (after 10-databases.sql): every service gets its own
# login role that owns its own database and can connect to nothing else. The superuser (POSTGRES_USER) is for the
# operator only; no service is given it. Passwords come from the environment (docker-compose.yml, .env).
set -eu

service_user() {
  role="$1" database="$2" password="$3"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v role="$role" -v db="$database" -v pw="$password" <<'SQL'
create role :"role" login password :'pw';
alter database :"db" owner to :"role";
revoke all on database :"db" from public;
grant connect, temporary on database :"db" to :"role";
SQL
}

service_user auth_service     inetpublish_auth     "$AUTH_DB_PASSWORD"
service_user release_service  inetpublish_release  "$RELEASE_DB_PASSWORD"
service_user customer_service inetpublish_customer "$CUSTOMER_DB_PASSWORD"
service_user build_service    inetpublish_build    "$BUILD_DB_PASSWORD"
service_user notify_service   inetpublish_notify   "$NOTIFY_DB_PASSWORD"
