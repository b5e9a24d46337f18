# shellcheck shell=bash
# The services' databases (sourced by ./inetpublish): created when missing before a start, dropped after a
# platform of its own (never the demo's).

ensure_databases() {
  command -v psql >/dev/null || fail "psql not found; install postgresql-client or create the databases yourself"
  local db svc
  for svc in "${DOMAIN_SERVICES[@]}"; do
    db="${INETPUBLISH_DB_PREFIX}_${svc%-service}"
    if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc \
        "select 1 from pg_database where datname = '$db'" | grep -q 1; then
      psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "create database \"$db\"" >/dev/null \
        || fail "cannot create database $db on $DB_HOST:$DB_PORT"
      say "  created database $db"
    fi
  done
}

drop_databases() {
  local svc
  [[ "$INETPUBLISH_DB_PREFIX" != inetpublish ]] || fail "refusing to drop the demo databases"
  for svc in "${DOMAIN_SERVICES[@]}"; do
    psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc \
      "drop database if exists \"${INETPUBLISH_DB_PREFIX}_${svc%-service}\" with (force)" >/dev/null 2>&1 || true
  done
}
