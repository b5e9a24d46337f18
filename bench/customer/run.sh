#!/usr/bin/env bash
# Benchmark of customer-service on a seeded database: 1,000 customers x 3 environments x 60 components.
#   bench/customer/run.sh            # build the jar (under the shared Maven lock), seed, measure, write docs
#   N=2000 bench/customer/run.sh     # more samples per request
#   BENCH_JAR=customer-service/target/customer-service.jar bench/customer/run.sh   # no build, that jar
#   HEAP=512m BENCH_JIT_OPTS="-XX:TieredStopAtLevel=1" bench/customer/run.sh      # heap and JIT are recorded
# Needs the local PostgreSQL (127.0.0.1:5432, user postgres) and RabbitMQ; uses database inetpublish_customer_bench
# and port 18083; writes docs/bench-customer.md. BENCH_SMOKE=true: 20 requests per kind, the result under
# .run/bench-smoke/ (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/bench.sh
. scripts/jdk.sh && inetpublish_use_jdk   # Java 25, as the jars are built for (see scripts/jdk.sh)
ROOT=$(pwd)
DB=${BENCH_DB:-inetpublish_customer_bench}
PORT=${BENCH_PORT:-18083}
if bench_smoke; then N=${N:-20}; else N=${N:-1000}; fi
DOC="$(bench_doc bench-customer.md)"
PSQL=(psql -h "${DB_HOST:-127.0.0.1}" -U "${DB_USER:-postgres}" -v ON_ERROR_STOP=1 -q)

if [ -n "${BENCH_JAR:-}" ]; then
  JAR=$BENCH_JAR   # a jar already built (e.g. by ./inetpublish build)
else
  echo "== building customer-service jar"
  flock /tmp/inetpublish.lock ./mvnw -B -q -o -pl customer-service -am package -DskipTests
  JAR=$ROOT/customer-service/target/customer-service.jar
fi

echo "== recreating database $DB"
"${PSQL[@]}" -d postgres -c "drop database if exists $DB" -c "create database $DB"

# every request carries an access token, checked as in production: a stand-in JWKS (bench/lib/jwks.py) signs
# one for the run (before, the benchmark sent none and every request was refused with 401)
JWKS_PORT=${BENCH_JWKS_PORT:-$((PORT + 16))}
TOKEN_FILE=$(mktemp /tmp/customer-bench-token.XXXX)
python3 bench/lib/jwks.py "$JWKS_PORT" > "$TOKEN_FILE" &
JWKS=$!
for _ in $(seq 1 50); do [ -s "$TOKEN_FILE" ] && break; sleep 0.1; done
BENCH_TOKEN=$(head -1 "$TOKEN_FILE")
[ -n "$BENCH_TOKEN" ] || { echo "no token from bench/lib/jwks.py"; exit 1; }
export BENCH_TOKEN
AUTH=(-H "Authorization: Bearer $BENCH_TOKEN")

LOG=$(mktemp /tmp/customer-bench.XXXX.log)
echo "== starting customer-service on :$PORT (log $LOG)"
HEAP=${HEAP:-512m}
JIT_OPTS=${BENCH_JIT_OPTS:-}
DB_NAME=$DB CUSTOMER_SERVICE_PORT=$PORT CUSTOMER_SERVICE_MANAGEMENT_PORT=$((PORT + 1000)) java -Xmx$HEAP $JIT_OPTS -jar "$JAR" \
  --eureka.client.enabled=false --spring.cloud.discovery.enabled=false \
  --inetpublish.security.jwks-uri="http://127.0.0.1:$JWKS_PORT/api/auth/jwks" \
  --inetpublish.people.migration-initial-delay=PT1H > "$LOG" 2>&1 &
APP=$!
trap 'kill $APP $JWKS 2>/dev/null; wait $APP 2>/dev/null || true; rm -f "$TOKEN_FILE"
  if bench_smoke; then "${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" 2>/dev/null || true; fi' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$((PORT + 1000))/actuator/health" > /dev/null && break
  kill -0 $APP 2>/dev/null || { echo "service died"; tail -50 "$LOG"; exit 1; }
  sleep 1
done

echo "== seeding (schema from Flyway)"
SEED_START=$(date +%s)
"${PSQL[@]}" -d "$DB" -f bench/customer/seed.sql
echo "   seeded in $(( $(date +%s) - SEED_START )) s"
COUNTS=$("${PSQL[@]}" -d "$DB" -At -c "select (select count(*) from customer) || ' customers, ' ||
  (select count(*) from environment) || ' environments, ' || (select count(*) from component) || ' components, ' ||
  (select count(*) from environment_component) || ' environment components, ' ||
  (select count(*) from environment_component_history) || ' history rows, ' ||
  (select count(*) from operation_log) || ' operation-log entries'")
echo "   $COUNTS"

# the SQL seed's sort keys must equal the service's VersionOrder.sortKey: let the service set a mainline and compare
curl -fs -X PUT "${AUTH[@]}" -H 'Content-Type: application/json' -d '{"version":"2.10.3"}' \
  "http://127.0.0.1:$PORT/api/components/comp-01/mainline" > /dev/null
SAME=$("${PSQL[@]}" -d "$DB" -At -c "select mainline_sort_key = (select string_agg('5' || lpad(length(p)::text, 3, '0') || p, '' order by ord) || '2'
  from unnest(string_to_array('2.10.3', '.')) with ordinality as t(p, ord)) from component where name = 'comp-01'")
[ "$SAME" = "t" ] || { echo "seed sort keys differ from VersionOrder.sortKey"; exit 1; }

echo "== measuring ($N requests each)"
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
OTHERS_BEFORE=$(bench_others)
TABLE=$(python3 bench/customer/client.py 127.0.0.1 "$PORT" "$N")
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
OTHERS_AFTER=$(bench_others)
echo "$TABLE"

PG=$("${PSQL[@]}" -d "$DB" -At -c "show server_version")
cat > "$DOC" <<MD
# customer-service benchmark

Rerun: \`bench/customer/run.sh\` (optionally \`N=2000\`). It builds the jar under the shared Maven lock, recreates
the database \`$DB\`, starts the service on port $PORT with Eureka off (Flyway creates the schema), seeds it with
\`bench/customer/seed.sql\`, times the requests with \`bench/customer/client.py\` and rewrites this file.

- Measured: $(bench_machine); PostgreSQL $PG
- customer-service: $(bench_jvm $APP), Hikari pool 8
- Percentiles: nearest rank (\`bench/lib/benchlib.py\`, docs/bench/README.md)
- Data: $COUNTS
- Load: 1-minute load average $LOAD_BEFORE before measuring, $LOAD_AFTER (1/5/15 min) after — on a shared machine
  other work inflates the tail (p99, max). On the machine before measuring: $OTHERS_BEFORE; after: $OTHERS_AFTER
- Method: after a warm-up, $N sequential requests per kind over one keep-alive HTTP connection from the same
  machine, random environment/customer/component per request; times are request-to-last-byte on loopback, so
  they include the server's full handling plus local HTTP, not connection setup.

$TABLE

Targets from issue 3: p99 ≤ 50 ms for environment detail and the log page, ≤ 100 ms for compare, impact search and
drift; from issue 18: ≤ 300 ms for a dashboard page of 50 customers (\`GET /api/versions/dashboard\`, 5 components
with target versions, optionally one tag or one type).

How the queries stay fast: impact search compares the stored \`environment_component.sort_key\` (computed by
\`VersionOrder.sortKey\`, byte order = version order, \`collate "C"\`) in PostgreSQL on the index
\`(component, sort_key)\` and pages there; drift counts "behind mainline" with the same keys; the log pages on
\`(at desc, id desc)\` and per-customer/environment indexes; compare and environment detail read by primary key. The
dashboard is four queries per page whatever its size (customers filtered, counted and paged in PostgreSQL; their
tags; their environments; the chosen components' rows of those environments by primary key), no call to another
service; the rollout states of its cells are one more request to release-service for all chosen records
(\`GET /api/rollouts/states\`, one query).
MD
echo "== wrote $DOC"
