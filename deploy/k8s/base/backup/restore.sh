#!/usr/bin/env bash
# Restores a backup written by scripts/backup.sh into the platform's databases (INETPUBLISH_DB_PREFIX), and tells the
# operator what happened after the backup. docs/backup.md.
#
#   scripts/restore.sh DIR       (./inetpublish restore DIR calls it; a link to deploy/k8s/base/backup/restore.sh,
#                                 which the Kubernetes restore Job mounts)
#
# 1. checks the backup: manifest format, every service's file there with its size and SHA-256, readable by this
#    pg_restore, a PostgreSQL server at least as new, Flyway migrations this code knows, owners that exist, every
#    bundle file of a directory store there with its size and SHA-256; refuses naming everything that is wrong;
# 2. refuses while anything is connected to one of the databases (the platform must be stopped);
# 3. keeps a safety copy of the databases as they are (DIR/restore-<time>/pre-restore, itself a backup: restoring
#    it undoes the restore) and lists their deployments, builds, notifications, operation log and events;
# 4. drops and recreates each database and restores it (pg_restore, one transaction per database); puts the backup's
#    bundle files back into the bundle directory (BUILD_BUNDLE_DIR) in place of the bundles there;
# 5. events: every outbox event the backup still holds is sent again (consumers skip what their inbox already
#    applied, so nothing is applied twice and nothing that fell between two dumps is lost); events created after
#    the backup (in the safety copy's outboxes only) are marked handled in every consumer's inbox, so a copy still
#    waiting in a queue is not applied to data that no longer knows its cause;
# 6. writes DIR/restore-<time>/report.txt and prints it: what happened after the backup and is gone now, what the
#    outside world (Jenkins, Feishu, customers' environments) saw and cannot be undone.
#
# Settings: DB_HOST, DB_PORT, DB_USER, DB_PASSWORD (or PGPASSWORD): a user that may drop and create the databases;
# INETPUBLISH_DB_PREFIX (inetpublish); INETPUBLISH_MIGRATIONS (a directory with <service>/V*.sql, for the Flyway
# check where the source tree is not next to this script; INETPUBLISH_MIGRATIONS=skip leaves the check out);
# BUILD_BUNDLE_STORE (directory) and BUILD_BUNDLE_DIR as build-service has them (./inetpublish restore: .run/bundles).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SERVICES=(auth release customer build notify)
PREFIX="${INETPUBLISH_DB_PREFIX:-inetpublish}"
export PGHOST="${DB_HOST:-${PGHOST:-127.0.0.1}}" PGPORT="${DB_PORT:-${PGPORT:-5432}}" PGUSER="${DB_USER:-${PGUSER:-postgres}}"
[[ -n "${DB_PASSWORD:-}" ]] && export PGPASSWORD="$DB_PASSWORD"
export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-10}" PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

fail() { printf 'restore: %s\n' "$*" >&2; exit 1; }
q() { psql -X -q -v ON_ERROR_STOP=1 -tA -F $'\t' -d "$1" -c "$2"; }
db_exists() { [[ "$(q postgres "select 1 from pg_database where datname = '$1'")" == 1 ]]; }

[[ $# -eq 1 ]] || fail "usage: scripts/restore.sh DIR (a directory written by scripts/backup.sh)"
[[ -d "$1" ]] || fail "$1 is not a directory"
DIR="$(cd "$1" && pwd)"
M="$DIR/manifest.tsv"
for tool in pg_restore pg_dump psql sha256sum awk; do command -v "$tool" >/dev/null || fail "$tool not found"; done
server="$(q postgres 'show server_version_num' 2>&1)" || fail "cannot reach PostgreSQL at $PGHOST:$PGPORT as $PGUSER: $server"

# ---- 1. the backup is what it says ------------------------------------------------------------------------------
[[ -f "$M" ]] || fail "$DIR has no manifest.tsv: not a backup written by scripts/backup.sh"
field() { awk -F'\t' -v k="$1" '$1 == k {print $2; exit}' "$M"; }
problems=()
# /1 (before the bundle directory was backed up) has no bundle_store line: the bundle directory is left as it is
[[ "$(field format)" == "inetpublish-backup/2" || "$(field format)" == "inetpublish-backup/1" ]] \
  || problems+=("manifest format is '$(field format)', this restore reads inetpublish-backup/2 and /1")
STORE="${BUILD_BUNDLE_STORE:-directory}" BUNDLE_DIR="${BUILD_BUNDLE_DIR:-}"
BUNDLE_KEY='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9]{1,5}$' # DirectoryBundleStore.KEY
backup_store="$(field bundle_store)"
case "$STORE" in
  directory) [[ -n "$BUNDLE_DIR" ]] || problems+=("BUILD_BUNDLE_STORE is directory (build-service's default): set BUILD_BUNDLE_DIR to build-service's bundle directory, or BUILD_BUNDLE_STORE=postgres") ;;
  postgres) ;;
  *) problems+=("BUILD_BUNDLE_STORE must be directory or postgres, as build-service's, not '$STORE'") ;;
esac
if [[ "$backup_store" == directory ]]; then
  [[ "$STORE" == directory ]] || problems+=("the backup's bundles are files (bundle store directory), this platform keeps them in postgres: restore with BUILD_BUNDLE_STORE=directory and BUILD_BUNDLE_DIR")
  while IFS=$'\t' read -r _ key sha bytes; do
    f="$DIR/bundles/$key"
    if ! grep -qE "$BUNDLE_KEY" <<<"$key"; then problems+=("bundle '$key' is not a bundle key (<build id>/<n>)"); continue; fi
    if [[ ! -f "$f" ]]; then problems+=("bundles/$key is missing"); continue; fi
    [[ "$(stat -c %s "$f")" == "$bytes" ]] || problems+=("bundles/$key has $(stat -c %s "$f") bytes, the manifest says $bytes")
    [[ "$(sha256sum "$f" | cut -d' ' -f1)" == "$sha" ]] || problems+=("bundles/$key does not match its SHA-256 in the manifest")
  done < <(awk -F'\t' '$1 == "bundle"' "$M")
fi
backup_server="$(field postgres_server_num)"
if [[ -n "$backup_server" ]] && (( server / 10000 < backup_server / 10000 )); then
  problems+=("the backup comes from PostgreSQL $((backup_server / 10000)); this server is $((server / 10000)): restore into $((backup_server / 10000)) or newer")
fi
migrations="${INETPUBLISH_MIGRATIONS:-$HERE/..}"
known_versions() { # the Flyway versions this code ships for a service (common's outbox/inbox included)
  local f
  for f in "$migrations/$1-service/src/main/resources/db/migration/"V*__* \
           "$migrations/$1-service/src/main/java/db/migration/"V*__*.java \
           "$migrations/common/src/main/resources/db/common/"V*__*; do
    [[ -f "$f" ]] || continue
    f="$(basename "$f")"; f="${f#V}"; f="${f%%__*}"; printf '%s\n' "${f//_/.}"
  done
}
declare -A FILE OWNER SOURCE
for svc in "${SERVICES[@]}"; do
  line="$(awk -F'\t' -v s="$svc" '$1 == "database" && $2 == s' "$M")"
  if [[ -z "$line" ]]; then problems+=("manifest lists no database for $svc"); continue; fi
  IFS=$'\t' read -r _ _ name file sha bytes owner _ flyway <<<"$line"
  SOURCE[$svc]="$name"; FILE[$svc]="$DIR/$file"; OWNER[$svc]="$owner"
  if [[ ! -f "$DIR/$file" ]]; then problems+=("$file ($svc) is missing"); continue; fi
  [[ "$(stat -c %s "$DIR/$file")" == "$bytes" ]] || problems+=("$file ($svc) has $(stat -c %s "$DIR/$file") bytes, the manifest says $bytes")
  [[ "$(sha256sum "$DIR/$file" | cut -d' ' -f1)" == "$sha" ]] || problems+=("$file ($svc) does not match its SHA-256 in the manifest")
  err="$(pg_restore -l "$DIR/$file" 2>&1 >/dev/null)" || problems+=("$file ($svc) is not readable by $(pg_restore --version): $err")
  [[ "$(q postgres "select 1 from pg_roles where rolname = '$owner'")" == 1 ]] \
    || problems+=("role $owner (owner of $svc's database) does not exist on $PGHOST:$PGPORT: create it first")
  if [[ "$migrations" != skip && "$flyway" != - ]]; then
    known="$(known_versions "$svc")"
    if [[ -n "$known" ]]; then
      unknown=()
      IFS=',' read -ra applied <<<"$flyway"
      for v in "${applied[@]}"; do grep -qxF "$v" <<<"$known" || unknown+=("$v"); done
      if (( ${#unknown[@]} )); then
        newest="$(sort -V <<<"$known" | tail -1)"
        if [[ "$(printf '%s\n' "${unknown[@]}" "$newest" | sort -V | tail -1)" != "$newest" ]]; then
          problems+=("$svc's database has Flyway migration(s) ${unknown[*]}, newer than this code's $newest: the backup is from a newer platform; install that version first")
        else
          problems+=("$svc's database has Flyway migration(s) ${unknown[*]} this code does not ship (newest here: $newest): Flyway would refuse to start on it")
        fi
      fi
    fi
  fi
done
extra="$(awk -F'\t' '$1 == "database" {print $2}' "$M" | grep -vxE "$(IFS='|'; echo "${SERVICES[*]}")" || true)"
[[ -z "$extra" ]] || problems+=("manifest lists unknown service(s): $(tr '\n' ' ' <<<"$extra")")
if (( ${#problems[@]} )); then
  printf 'restore: %s is not a backup this platform can restore:\n' "$DIR" >&2
  printf '  - %s\n' "${problems[@]}" >&2
  exit 1
fi

# ---- 2. nothing may be using the databases -----------------------------------------------------------------------
targets=(); for svc in "${SERVICES[@]}"; do targets+=("'${PREFIX}_$svc'"); done
in_use="$(q postgres "select datname || ' (' || coalesce(nullif(application_name, ''), 'client') || ' from ' ||
  coalesce(host(client_addr), 'local socket') || ')' from pg_stat_activity
  where datname in ($(IFS=,; echo "${targets[*]}")) and pid <> pg_backend_pid() order by 1")"
if [[ -n "$in_use" ]]; then
  printf 'restore: the platform is running: %s connection(s) to its databases:\n' "$(wc -l <<<"$in_use")" >&2
  sort <<<"$in_use" | uniq -c | sed 's/^/  /' >&2
  fail "stop it first (./inetpublish down; on Kubernetes scale every deployment to 0, docs/backup.md)"
fi

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$DIR/restore-$STAMP"
mkdir -p "$OUT/before" "$OUT/after"
REPORT="$OUT/report.txt"

# ---- 3. the safety copy and what the databases hold now -----------------------------------------------------------
existing=0
for svc in "${SERVICES[@]}"; do db_exists "${PREFIX}_$svc" && existing=$((existing + 1)); done
if (( existing == ${#SERVICES[@]} )); then
  "$HERE/backup.sh" "$OUT/pre-restore" >/dev/null || fail "cannot take the safety copy; nothing was changed"
  safety="$OUT/pre-restore (restore it to undo this restore)"
elif (( existing == 0 )); then
  safety="none: no database of $PREFIX existed"
else
  mkdir -p "$OUT/pre-restore"
  for svc in "${SERVICES[@]}"; do
    db_exists "${PREFIX}_$svc" && { pg_dump -Fc -d "${PREFIX}_$svc" -f "$OUT/pre-restore/$svc.dump" \
      || fail "cannot take the safety copy of ${PREFIX}_$svc; nothing was changed"; }
  done
  if [[ "$STORE" == directory && -d "$BUNDLE_DIR" ]]; then
    cp -a "$BUNDLE_DIR" "$OUT/pre-restore/bundles" || fail "cannot take the safety copy of $BUNDLE_DIR; nothing was changed"
  fi
  safety="$OUT/pre-restore (only $existing of ${#SERVICES[@]} databases existed: pg_dump files, no manifest)"
fi

ts() { printf "to_char(%s at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')" "$1"; }
one_line() { printf "regexp_replace(coalesce((%s)::text, '-'), '\\\\s+', ' ', 'g')" "$1"; }
snapshot() { # snapshot DIR: one TSV per kind of record, the key first
  local out="$1" svc db
  for svc in "${SERVICES[@]}"; do
    db="${PREFIX}_$svc"
    db_exists "$db" || continue
    [[ "$(q "$db" "select to_regclass('outbox_event') is not null")" == t ]] || continue
    q "$db" "select id, event_type, $(ts created_at), coalesce($(ts sent_at), '-'), '$svc' from outbox_event" >>"$out/outbox.tsv"
    q "$db" "select consumer || ' ' || event_id, event_type, $(ts processed_at), '$svc' from inbox_message" >"$out/inbox-$svc.tsv"
    case "$svc" in
      release)
        q "$db" "select d.id, $(ts d.recorded_at), d.kind, r.number, $(one_line d.customer_name), $(one_line d.recorded_by_name),
                 (select string_agg(e.environment_name || ' ' || e.sync_status, ', ') from deployment_environment e where e.deployment_id = d.id)
                 from customer_deployment d join release_record r on r.id = d.release_id" >"$out/deployments.tsv"
        q "$db" "select id, $(ts submitted_at), number, $(one_line title), status, $(one_line submitted_by_name) from release_record" >"$out/releases.tsv" ;;
      build)
        q "$db" "select id, $(ts requested_at), type, status || coalesce('/' || result, ''), coalesce(release_number, '-'),
                 coalesce(jenkins_build_number::text, '-'), coalesce(jenkins_url, '-'), $(one_line requested_by_name) from build" >"$out/builds.tsv" ;;
      notify)
        q "$db" "select id, $(ts created_at), status, coalesce($(ts sent_at), '-'), channel, $(one_line "coalesce(recipient_name, recipient)"),
                 $(one_line title), message_uuid from notification" >"$out/notifications.tsv" ;;
      customer) # operation_log.target_name since V18_1; a backup may be older
        local target="coalesce(environment_name, customer_name, release_number)"
        [[ "$(q "$db" "select count(*) from information_schema.columns where table_name = 'operation_log'
              and column_name = 'target_name'")" == 1 ]] && target="coalesce(target_name, environment_name, customer_name, release_number)"
        q "$db" "select id, $(ts at), $(one_line actor_name), action, $(one_line "$target") from operation_log" >"$out/operation-log.tsv" ;;
    esac
  done
  touch "$out/outbox.tsv" "$out/deployments.tsv" "$out/releases.tsv" "$out/builds.tsv" "$out/notifications.tsv" "$out/operation-log.tsv"
}
snapshot "$OUT/before"

# ---- 4. restore ---------------------------------------------------------------------------------------------------
for svc in "${SERVICES[@]}"; do
  db="${PREFIX}_$svc"
  q postgres "drop database if exists \"$db\" with (force)" >/dev/null
  q postgres "create database \"$db\" owner \"${OWNER[$svc]}\" template template0" >/dev/null
  err="$(pg_restore -d "$db" --exit-on-error --single-transaction "${FILE[$svc]}" 2>&1)" \
    || fail "pg_restore of ${FILE[$svc]} into $db failed: $err
  The databases are partly restored. Restore again, or restore the safety copy: $safety"
  printf '  restored %s from %s\n' "$db" "$(basename "${FILE[$svc]}")"
done
# the bundle directory: its bundles (in the safety copy) give way to the backup's; anything else in it stays
if [[ "$backup_store" == directory ]]; then
  mkdir -p "$BUNDLE_DIR" || fail "cannot create the bundle directory $BUNDLE_DIR; the databases are restored. Safety copy: $safety"
  find -H "$BUNDLE_DIR" -mindepth 1 -maxdepth 1 -type d -regextype posix-extended \
    -regex '.*/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' -exec rm -rf {} + \
    || fail "cannot remove the bundles in $BUNDLE_DIR; the databases are restored. Safety copy: $safety"
  rm -f "$BUNDLE_DIR"/.staging/*.part
  if [[ -d "$DIR/bundles" ]] && [[ -n "$(ls -A "$DIR/bundles")" ]]; then
    cp -a "$DIR/bundles/." "$BUNDLE_DIR/" \
      || fail "cannot copy the bundles into $BUNDLE_DIR; the databases are restored. Restore again, or the safety copy: $safety"
  fi
  bundles_note="$(awk -F'\t' '$1 == "bundle" {n++; b += $4} END {printf "%d file(s), %d bytes", n, b}' "$M") put back into $BUNDLE_DIR (the bundles it held are in the safety copy)"
elif [[ "$STORE" == directory ]]; then
  bundles_note="the backup holds no bundle directory (bundle store '${backup_store:-not recorded, format /1}'): $BUNDLE_DIR left as it was"
else
  bundles_note="large objects in build-service's database, restored with it"
fi
printf '  bundles: %s\n' "$bundles_note"
snapshot "$OUT/after"

# ---- 5. events -------------------------------------------------------------------------------------------------
only_before() { awk -F'\t' 'FILENAME == ARGV[1] {seen[$1]; next} !($1 in seen)' "$OUT/after/$1" "$OUT/before/$1"; }
# applied in the restored databases after the dumps began, with a cause no restored outbox holds (the dumps are not
# one snapshot: a consumer's database dumped after its producer's may hold an effect whose cause is not in the backup)
started="$(field started_at)"; started="${started/T/ }"; started="${started%.*}"
cat "$OUT"/after/inbox-*.tsv 2>/dev/null | awk -F'\t' -v t="$started" 'FILENAME == ARGV[1] {out[$1]; next}
  { split($1, k, " ") } !(k[2] in out) && $3 >= t' <(cut -f1 "$OUT/after/outbox.tsv") - >"$OUT/skew.tsv" || true
resent=0
for svc in "${SERVICES[@]}"; do
  n="$(q "${PREFIX}_$svc" "with r as (update outbox_event set sent_at = null, attempts = 0, last_error = null,
        next_attempt_at = now() where sent_at is not null returning 1) select count(*) from r")"
  resent=$((resent + n))
done
only_before outbox.tsv >"$OUT/events-after-backup.tsv"
marked=0
if [[ -s "$OUT/events-after-backup.tsv" ]]; then
  for svc in "${SERVICES[@]}"; do
    consumers="$(cat "$OUT/before/inbox-$svc.tsv" "$OUT/after/inbox-$svc.tsv" 2>/dev/null | cut -f1 | cut -d' ' -f1 | sort -u)"
    [[ -n "$consumers" ]] || continue
    n="$(cut -f1,2 "$OUT/events-after-backup.tsv" | psql -X -q -v ON_ERROR_STOP=1 -tA -d "${PREFIX}_$svc" -c "
      create temp table late (event_id uuid, event_type varchar(100));
      copy late from stdin;
      with c(consumer) as (select unnest(string_to_array('$(tr '\n' ' ' <<<"$consumers" | sed 's/ $//')', ' '))),
      r as (insert into inbox_message (consumer, event_id, event_type, processed_at)
            select c.consumer, l.event_id, l.event_type, now() from c cross join late l
            on conflict do nothing returning 1)
      select count(*) from r;" | tail -1)"
    marked=$((marked + n))
  done
fi

# ---- 6. the report ----------------------------------------------------------------------------------------------
section() { # section TITLE FILE HEADER AWK-PRINT: one line per record, or "none"
  local n; n="$(wc -l <"$2")"
  printf '\n%s: %s\n' "$1" "$n"
  (( n == 0 )) || { printf '  %s\n' "$3"; awk -F'\t' "{ $4 }" "$2" | sort | sed 's/^/  /'; }
}
{
  printf 'iNetPublish restore report, %s\n' "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  printf 'Backup:      %s (taken %s .. %s UTC, platform %s, commit %s)\n' "$DIR" "$(field started_at)" \
    "$(field finished_at)" "$(field platform_version)" "$(field git_commit)"
  printf 'Restored to: databases %s_* on %s:%s' "$PREFIX" "$PGHOST" "$PGPORT"
  [[ "$(field prefix)" == "$PREFIX" ]] && printf '\n' || printf ' (the backup was of %s_*)\n' "$(field prefix)"
  printf 'Safety copy of the databases as they were: %s\n' "$safety"
  printf 'Bundles:     %s\n' "$bundles_note"
  printf '\nEverything below was recorded after the backup and is gone from the platform now. What other systems saw\n'
  printf 'cannot be undone: check each item and record again what still holds.\n'
  only_before deployments.tsv >"$OUT/gone-deployments.tsv"
  section "Customer deployments and rollbacks recorded after the backup (the customer's environment has these versions: record them again)" \
    "$OUT/gone-deployments.tsv" "recorded at | kind | release | customer | by | environments" \
    'print $2 " | " $3 " | " $4 " | " $5 " | " $6 " | " $7'
  only_before releases.tsv >"$OUT/gone-releases.tsv"
  section "Release records submitted after the backup" "$OUT/gone-releases.tsv" "submitted at | number | title | status | by" \
    'print $2 " | " $3 " | " $4 " | " $5 " | " $6'
  only_before builds.tsv >"$OUT/gone-builds.tsv"
  section "Builds triggered after the backup (Jenkins ran them: the platform no longer follows them, nor keeps their packages)" \
    "$OUT/gone-builds.tsv" "requested at | type | status | release | Jenkins build | Jenkins URL | by" \
    'print $2 " | " $3 " | " $4 " | " $5 " | #" $6 " | " $7 " | " $8'
  awk -F'\t' 'FILENAME == ARGV[1] {st[$1] = $4; next} ($1 in st) && st[$1] != $4' "$OUT/after/builds.tsv" "$OUT/before/builds.tsv" >"$OUT/moved-builds.tsv"
  section "Builds that moved on after the backup (build-service asks Jenkins again and records their outcome once more)" \
    "$OUT/moved-builds.tsv" "requested at | type | status before the restore | release | Jenkins build" \
    'print $2 " | " $3 " | " $4 " | " $5 " | #" $6'
  only_before notifications.tsv | awk -F'\t' '$3 == "SENT"' >"$OUT/gone-notifications.tsv"
  section "Feishu messages sent after the backup (people received them; the platform no longer knows them)" \
    "$OUT/gone-notifications.tsv" "sent at | channel | to | title" 'print $4 " | " $5 " | " $6 " | " $7'
  awk -F'\t' 'FILENAME == ARGV[1] {st[$1] = $3; next} ($1 in st) && st[$1] != "SENT" && $3 == "SENT"' \
    "$OUT/after/notifications.tsv" "$OUT/before/notifications.tsv" >"$OUT/resend-notifications.tsv"
  section "Feishu messages waiting in the backup and sent after it: they will be sent again (Feishu drops a repeat of the same message uuid within an hour of the first)" \
    "$OUT/resend-notifications.tsv" "first sent at | channel | to | title | message uuid" 'print $4 " | " $5 " | " $6 " | " $7 " | " $8'
  only_before operation-log.tsv >"$OUT/gone-operation-log.tsv"
  section "Operation log entries after the backup (everything people and the platform changed)" \
    "$OUT/gone-operation-log.tsv" "at | operator | action | target" 'print $2 " | " $3 " | " $4 " | " $5'
  printf '\nEvents\n'
  printf '  created after the backup (gone with their cause; marked handled in every consumer inbox, %s marks, so a\n' "$marked"
  printf '  copy still in a queue is skipped): %s\n' "$(wc -l <"$OUT/events-after-backup.tsv")"
  cut -f2 "$OUT/events-after-backup.tsv" | sort | uniq -c | sed 's/^ */    /'
  printf '  in the backup and sent again now (each consumer applies the ones its inbox does not have, once): %s\n' "$resent"
  printf '  applied in the backup although their cause is not in it (the dumps began between %s and %s): %s\n' \
    "$(awk -F'\t' '$1 == "database" {print $8}' "$M" | sort | head -1)" "$(awk -F'\t' '$1 == "database" {print $8}' "$M" | sort | tail -1)" \
    "$(wc -l <"$OUT/skew.tsv")"
  [[ -s "$OUT/skew.tsv" ]] && awk -F'\t' '{print "    " $1 " (" $2 ", applied " $3 " in " $4 ")"}' "$OUT/skew.tsv"
  printf '\nFiles: %s (before/ and after/ hold the records compared)\n' "$OUT"
} >"$REPORT"
rm -f "$OUT"/gone-*.tsv "$OUT"/moved-builds.tsv "$OUT"/resend-notifications.tsv
cat "$REPORT"
printf '\nRestored. Start the platform (./inetpublish up); the report is in %s\n' "$REPORT"
