#!/usr/bin/env bash
# Backs up the whole platform: every service's database (pg_dump, custom format, one file per database) and a
# manifest (format, time, versions, owners, Flyway migrations, sizes, SHA-256). The platform keeps no files of its
# own: evidence files are in release-service's database (deployment_evidence.content), build artifacts stay in
# Jenkins (the platform records their name, size and SHA-256 and streams them from there). docs/backup.md.
#
#   scripts/backup.sh DIR        (./inetpublish backup [DIR] calls it; DIR must not exist or be empty)
#
# It lives in deploy/k8s/base/backup/ because the Kubernetes CronJob mounts it from there (kustomize reads files only
# below its directory); scripts/backup.sh is a link to it.
#
# Settings: DB_HOST, DB_PORT, DB_USER, DB_PASSWORD (or PGPASSWORD), INETPUBLISH_DB_PREFIX (inetpublish),
# INETPUBLISH_VERSION (else read from pom.xml next to this script). The user must be able to read every database
# (a superuser, or a role with pg_read_all_data).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SERVICES=(auth release customer build notify)
PREFIX="${INETPUBLISH_DB_PREFIX:-inetpublish}"
export PGHOST="${DB_HOST:-${PGHOST:-127.0.0.1}}" PGPORT="${DB_PORT:-${PGPORT:-5432}}" PGUSER="${DB_USER:-${PGUSER:-postgres}}"
[[ -n "${DB_PASSWORD:-}" ]] && export PGPASSWORD="$DB_PASSWORD"
export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-10}"

fail() { printf 'backup: %s\n' "$*" >&2; exit 1; }
q() { psql -X -q -v ON_ERROR_STOP=1 -tA -d "$1" -c "$2"; }

[[ $# -eq 1 ]] || fail "usage: scripts/backup.sh DIR"
DIR="$1"
for tool in pg_dump psql sha256sum; do command -v "$tool" >/dev/null || fail "$tool not found (postgresql-client, coreutils)"; done
if [[ -e "$DIR" ]] && [[ -n "$(ls -A "$DIR" 2>/dev/null)" ]]; then fail "$DIR exists and is not empty: give a new directory"; fi
mkdir -p "$DIR" || fail "cannot create $DIR"
DIR="$(cd "$DIR" && pwd)"

server="$(q postgres 'show server_version_num' 2>&1)" || fail "cannot reach PostgreSQL at $PGHOST:$PGPORT as $PGUSER: $server"
missing=()
for svc in "${SERVICES[@]}"; do
  [[ "$(q postgres "select 1 from pg_database where datname = '${PREFIX}_$svc'")" == 1 ]] || missing+=("${PREFIX}_$svc")
done
(( ${#missing[@]} == 0 )) || fail "database(s) ${missing[*]} not found on $PGHOST:$PGPORT (INETPUBLISH_DB_PREFIX=$PREFIX)"

version="${INETPUBLISH_VERSION:-}"
if [[ -z "$version" && -f "$HERE/../pom.xml" ]]; then
  version="$(sed -n '/<artifactId>inetpublish<\/artifactId>/,/<version>/{s/.*<version>\(.*\)<\/version>.*/\1/p}' "$HERE/../pom.xml" | head -1)"
fi
commit="$(git -C "$HERE/.." rev-parse --short HEAD 2>/dev/null || echo -)"

# All dumps start together (each is consistent in itself; across databases they are as close as their start times,
# which the manifest records; restore re-sends every retained outbox event so none falls between two dumps).
started="$(q postgres "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")"
pids=()
for svc in "${SERVICES[@]}"; do
  (
    db="${PREFIX}_$svc"
    q "$db" "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')" >"$DIR/.$svc.started"
    pg_dump -Fc -Z 6 -d "$db" -f "$DIR/$svc.dump.partial" 2>"$DIR/.$svc.err" && mv "$DIR/$svc.dump.partial" "$DIR/$svc.dump"
  ) &
  pids+=($!)
done
failed=()
for i in "${!SERVICES[@]}"; do
  wait "${pids[$i]}" || failed+=("${SERVICES[$i]}: $(tr '\n' ' ' <"$DIR/.${SERVICES[$i]}.err")")
done
if (( ${#failed[@]} )); then
  rm -f "$DIR"/*.partial
  fail "pg_dump failed for ${failed[*]}"
fi

{
  printf '# iNetPublish backup, written by scripts/backup.sh; restore: ./inetpublish restore DIR (docs/backup.md)\n'
  printf 'format\tinetpublish-backup/1\n'
  printf 'started_at\t%s\n' "$started"
  printf 'finished_at\t%s\n' "$(q postgres "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")"
  printf 'prefix\t%s\n' "$PREFIX"
  printf 'platform_version\t%s\n' "${version:-unknown}"
  printf 'git_commit\t%s\n' "$commit"
  printf 'postgres_server_num\t%s\n' "$server"
  printf 'pg_dump\t%s\n' "$(pg_dump --version | awk '{print $3}')"
  printf '# database  service  name  file  sha256  bytes  owner  dump_started_at  flyway_versions (applied, successful)\n'
  for svc in "${SERVICES[@]}"; do
    db="${PREFIX}_$svc"
    owner="$(q postgres "select pg_get_userbyid(datdba) from pg_database where datname = '$db'")"
    flyway="$(q "$db" "select coalesce(string_agg(version, ',' order by installed_rank), '-') from flyway_schema_history
                       where success and version is not null" 2>/dev/null || echo -)"
    printf 'database\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$svc" "$db" "$svc.dump" \
      "$(sha256sum "$DIR/$svc.dump" | cut -d' ' -f1)" "$(stat -c %s "$DIR/$svc.dump")" "$owner" \
      "$(cat "$DIR/.$svc.started")" "$flyway"
  done
} >"$DIR/manifest.tsv"
rm -f "$DIR"/.*.started "$DIR"/.*.err

printf 'Backed up %s (%s databases, %s) to %s\n' "$PREFIX" "${#SERVICES[@]}" "$(du -sh "$DIR" | cut -f1)" "$DIR"
awk -F'\t' '$1 == "database" {printf "  %-9s %-28s %10s bytes  Flyway %s\n", $2, $3, $6, $9}' "$DIR/manifest.tsv"
printf 'Restore with: ./inetpublish restore %s\n' "$DIR"
