#!/usr/bin/env bash
# Backs up the whole platform: every service's database (pg_dump, custom format, one file per database), the
# packages' bundle store when build-service keeps it in a directory (BUILD_BUNDLE_STORE=directory, its default: the
# files under BUILD_BUNDLE_DIR are copied to DIR/bundles; with postgres they are large objects in build-service's
# database and in its dump) and a manifest (format, time, versions, owners, Flyway migrations, every file's size and
# SHA-256). Evidence files are in release-service's database (deployment_evidence.content). docs/backup.md.
#
#   scripts/backup.sh DIR        (./inetpublish backup [DIR] calls it; DIR must not exist or be empty)
#
# It lives in deploy/k8s/base/backup/ because the Kubernetes CronJob mounts it from there (kustomize reads files only
# below its directory); scripts/backup.sh is a link to it.
#
# Settings: DB_HOST, DB_PORT, DB_USER, DB_PASSWORD (or PGPASSWORD), INETPUBLISH_DB_PREFIX (inetpublish),
# INETPUBLISH_VERSION (else read from pom.xml next to this script), BUILD_BUNDLE_STORE (directory) and BUILD_BUNDLE_DIR
# (build-service's bundle directory; ./inetpublish backup: .run/bundles) as build-service has them. The user must be
# able to read every database, large objects included (a superuser, or the role in docs/backup.md: pg_read_all_data,
# CONNECT on each database and member of build-service's role, which owns the bundles' large objects).
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

# The bundle store, as build-service has it (application.yml: inetpublish.bundles)
STORE="${BUILD_BUNDLE_STORE:-directory}" BUNDLE_DIR="${BUILD_BUNDLE_DIR:-}"
BUNDLE_KEY='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9]{1,5}$' # DirectoryBundleStore.KEY
case "$STORE" in
  postgres) ;;
  directory)
    [[ -n "$BUNDLE_DIR" ]] || fail "BUILD_BUNDLE_STORE is directory (build-service's default): set BUILD_BUNDLE_DIR to build-service's bundle directory (./inetpublish backup: .run/bundles), or BUILD_BUNDLE_STORE=postgres"
    if [[ ! -d "$BUNDLE_DIR" ]]; then
      kept="$(q "${PREFIX}_build" "select count(*) from build where bundle_store = 'directory' and bundle_status = 'STORED'" 2>/dev/null || echo 0)"
      [[ "$kept" == 0 ]] || fail "the bundle directory $BUNDLE_DIR (BUILD_BUNDLE_DIR) does not exist, but build-service's database has $kept build(s) with their bundle stored in a directory"
    fi ;;
  *) fail "BUILD_BUNDLE_STORE must be directory or postgres, as build-service's, not '$STORE'" ;;
esac

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
    q "$db" "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')" >"$DIR/.$svc.started" 2>"$DIR/.$svc.err"
    pg_dump -Fc -Z 6 -d "$db" -f "$DIR/$svc.dump.partial" 2>"$DIR/.$svc.err" && mv "$DIR/$svc.dump.partial" "$DIR/$svc.dump"
  ) &
  pids+=($!)
done
failed=()
for i in "${!SERVICES[@]}"; do
  wait "${pids[$i]}" || failed+=("${SERVICES[$i]}: $(tr '\n' ' ' <"$DIR/.${SERVICES[$i]}.err")")
done
if (( ${#failed[@]} )); then
  rm -f "$DIR"/*.partial "$DIR"/.*.started "$DIR"/.*.err
  hint=""
  [[ "${failed[*]}" == *"permission denied for large object"* ]] \
    && hint=" ($PGUSER cannot read build-service's bundles, large objects: make it a member of the role that owns them, docs/backup.md)"
  fail "pg_dump failed for ${failed[*]}$hint"
fi

# The bundle directory after the dumps: every bundle the build dump knows as stored was published before it began
# (files are only ever renamed into place whole, and never changed); one retention removed in between is missing.
if [[ "$STORE" == directory && -d "$BUNDLE_DIR" ]]; then
  mkdir "$DIR/bundles"
  (cd "$BUNDLE_DIR" && find . -mindepth 2 -maxdepth 2 -type f -printf '%P\n') | grep -E "$BUNDLE_KEY" | sort >"$DIR/.bundles" || true
  while IFS= read -r key; do
    mkdir -p "$DIR/bundles/${key%/*}"
    if ! cp --preserve=timestamps "$BUNDLE_DIR/$key" "$DIR/bundles/$key" 2>"$DIR/.bundle.err"; then
      [[ -e "$BUNDLE_DIR/$key" ]] || { sed -i "\|^$key\$|d" "$DIR/.bundles"; continue; } # removed by retention meanwhile
      fail "cannot copy the bundle file $BUNDLE_DIR/$key: $(cat "$DIR/.bundle.err")"
    fi
  done <"$DIR/.bundles"
fi

{
  printf '# iNetPublish backup, written by scripts/backup.sh; restore: ./inetpublish restore DIR (docs/backup.md)\n'
  printf 'format\tinetpublish-backup/2\n'
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
  printf '# bundle_store  directory|postgres  the directory copied (postgres: in the build dump)\n'
  printf 'bundle_store\t%s\t%s\n' "$STORE" "$([[ "$STORE" == directory ]] && echo "$BUNDLE_DIR" || echo -)"
  if [[ -f "$DIR/.bundles" ]]; then
    printf '# bundle  <build id>/<n> (under bundles/)  sha256  bytes\n'
    while IFS= read -r key; do
      printf 'bundle\t%s\t%s\t%s\n' "$key" "$(sha256sum "$DIR/bundles/$key" | cut -d' ' -f1)" "$(stat -c %s "$DIR/bundles/$key")"
    done <"$DIR/.bundles"
  fi
} >"$DIR/manifest.tsv"
rm -f "$DIR"/.*.started "$DIR"/.*.err "$DIR/.bundles"

printf 'Backed up %s (%s databases, %s) to %s\n' "$PREFIX" "${#SERVICES[@]}" "$(du -sh "$DIR" | cut -f1)" "$DIR"
awk -F'\t' '$1 == "database" {printf "  %-9s %-28s %10s bytes  Flyway %s\n", $2, $3, $6, $9}' "$DIR/manifest.tsv"
if [[ "$STORE" == directory ]]; then
  awk -F'\t' '$1 == "bundle" {n++; b += $4} END {printf "  bundles   %d file(s), %d bytes, from %s\n", n, b, dir}' dir="$BUNDLE_DIR" "$DIR/manifest.tsv"
else
  printf '  bundles   large objects in the build dump (BUILD_BUNDLE_STORE=postgres)\n'
fi
printf 'Restore with: ./inetpublish restore %s\n' "$DIR"
