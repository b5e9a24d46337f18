#!/usr/bin/env bash
# release-service benchmark: p99 of the filtered release list over 5,000 records (target <= 50 ms) and evidence
# uploads of 10 x 2 MB into PostgreSQL with the heap capped (HEAP, default 128m) and sampled while uploading.
# Needs the local PostgreSQL and RabbitMQ. Usage: bench/release/run.sh [path/to/release-service.jar]
# BENCH_SMOKE=true: 3 rounds of the list and two uploads (what CI runs). Prints JSON; docs/bench-release.md explains.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/bench/lib/bench.sh"
. "$root/scripts/jdk.sh" && inetpublish_use_jdk   # Java 25, as the jars are built for (see scripts/jdk.sh)
jar="${1:-$root/release-service/target/release-service.jar}"
port="${BENCH_PORT:-18082}"
stub_port="${BENCH_STUB_PORT:-18099}"
heap="${HEAP:-128m}"
db=inetpublish_release_bench
work="$(mktemp -d)"
pids=()
cleanup() { # stop what was started (the service drains first: wait for it, then the database can be dropped)
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do timeout 30 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true; done
  if bench_smoke; then psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db with (force)" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f "$jar" ]; then
  (cd "$root" && flock /tmp/inetpublish.lock ./mvnw -B -q -o -pl release-service -am package -DskipTests)
fi
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" -c "create database $db"

python3 "$here/customer_stub.py" "$stub_port" & pids+=($!)
# every request carries an access token, checked as in production against a stand-in JWKS (bench/lib/jwks.py)
jwks_port="${BENCH_JWKS_PORT:-$((port + 16))}"
python3 "$root/bench/lib/jwks.py" "$jwks_port" >"$work/token" & pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/token" ] && break; sleep 0.1; done
[ -s "$work/token" ] || { echo "no token from bench/lib/jwks.py"; exit 1; }
java -Xmx"$heap" -XX:+UseSerialGC -jar "$jar" \
  --server.port="$port" --inetpublish.management-port="$((port + 1000))" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db" \
  --eureka.client.enabled=false --spring.cloud.discovery.enabled=false \
  --spring.cloud.openfeign.client.config.customer-service.url="http://127.0.0.1:$stub_port" \
  --inetpublish.security.jwks-uri="http://127.0.0.1:$jwks_port/api/auth/jwks" \
  --inetpublish.messaging.exchange=bench.release.events --inetpublish.messaging.queue-prefix=bench. \
  --inetpublish.messaging.relay.enabled=false \
  --spring.main.banner-mode=off --logging.level.root=WARN > "$work/service.log" 2>&1 & pids+=($!)
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$((port + 1000))/actuator/health" > /dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$((port + 1000))/actuator/health" > /dev/null || { tail -50 "$work/service.log"; exit 1; }

psql -h 127.0.0.1 -U postgres -d "$db" -q -f "$here/seed.sql"
echo "seeded $(psql -h 127.0.0.1 -U postgres -d "$db" -Atc 'select count(*) from release_record') release records; heap cap $heap"
echo "$(bench_machine); release-service: $(bench_jvm "${pids[-1]}")"
echo "before: $(bench_others)"
BENCH_TOKEN="$(head -1 "$work/token")" python3 "$here/client.py" "$port" "$work" \
  || { echo "release-service's log:"; grep -E -A3 "WARN|ERROR" "$work/service.log" | tail -30; exit 1; }
echo "after: $(bench_others)"
echo "evidence rows: $(psql -h 127.0.0.1 -U postgres -d "$db" -Atc "select count(*) || ' files, ' || pg_size_pretty(sum(size_bytes)) from deployment_evidence")"
grep -E "OutOfMemory|ERROR" "$work/service.log" | head -5 || true
