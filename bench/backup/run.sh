#!/usr/bin/env bash
# Backup and restore, end to end (issue 22, item 5; docs/backup.md), on a platform of its own
# (./inetpublish scratch backup: fresh inetpublish_backup_* databases, dropped afterwards):
# changes through the API (a customer deployment with evidence that syncs versions, a package build, Feishu
# messages), a backup while the platform runs, more changes, restore refused while running and for a damaged
# backup, stop, restore, start; then every service is healthy, every answer 2xx before the backup is there (the
# evidence file byte for byte), nothing after it is, no event was applied twice (inbox, operation log,
# notifications, version history counted per database), the report lists the changes after the backup, and a new
# deployment syncs; the package built before the backup downloads byte for byte, its bundle files are back and the
# later one's are not. About 4 minutes (two platform starts). Take the platform lock:
#   flock /tmp/inetpublish-platform.lock bench/backup/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${INETPUBLISH_DB_PREFIX:-inetpublish}" == inetpublish ]]; then
  # the eight JVMs: it stops notify-service alone, which in the shared JVM (the local default) would stop seven
  export INETPUBLISH_SHARED_JVM=false
  exec ./inetpublish scratch backup "$0" "$@"
fi
exec python3 bench/backup/check.py
