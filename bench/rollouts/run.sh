#!/usr/bin/env bash
# Rollouts benchmark (issue 18): the dashboard's rollout states (`GET /api/rollouts/states`, release-service) on the
# customer benchmark's 3,000 environments (bench/customer/seed.sql), 2,000 release records (bench/plan/seed-releases.sql)
# and 120 rollouts of 100 of them with 315,000 targets and 10,000 approval requests (bench/rollouts/seed-rollouts.sql).
# Times the states of 1, 5 and 20 records and the dashboard page (a page of 50 customers and the states of 5 records,
# loaded as the web app loads it) through the gateway with a person's access token, and writes docs/bench-rollouts.md.
#
# Runs on a platform of its own (it replaces the customer data of the platform it runs against):
#   ./inetpublish build && INETPUBLISH_AOT_TRAIN_OPTS= flock /tmp/inetpublish-platform.lock \
#     ./inetpublish scratch rollouts bench/rollouts/run.sh
#   N=300 (default) samples per row. BENCH_SMOKE=true: 3 samples, the result under .run/bench-smoke/ (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/bench.sh
PREFIX="$(bench_scratch_prefix bench/rollouts/run.sh)"
if bench_smoke; then N=${N:-3}; else N=${N:-300}; fi
DOC="$(bench_doc bench-rollouts.md)"
PSQL=(psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" -v ON_ERROR_STOP=1 -q)

echo "== seeding ${PREFIX}_customer (customer benchmark data) and ${PREFIX}_release (records, rollouts, approvals)"
start=$(date +%s)
bench_seed_customers "${PREFIX}_customer" "${PSQL[@]}"   # without the operation log, which the dashboard does not read
# the plan benchmark's records and this one's rollouts once per platform (bench/smoke.sh runs plan, then this)
seeded() { [[ "$("${PSQL[@]}" -d "${PREFIX}_release" -At -c "select count(*) from $1 where id = md5('$2')::uuid")" == 1 ]]; }
seeded release_record bench-release1 || "${PSQL[@]}" -d "${PREFIX}_release" -f bench/plan/seed-releases.sql
seeded rollout bench-rollout-all1 || "${PSQL[@]}" -d "${PREFIX}_release" -f bench/rollouts/seed-rollouts.sql
echo "   seeded in $(( $(date +%s) - start )) s"
COUNTS=$("${PSQL[@]}" -d "${PREFIX}_customer" -At -c "select (select count(*) from customer) || ' customers, ' ||
  (select count(*) from environment) || ' environments, ' || (select count(*) from component where name like 'comp-%') || ' components, ' ||
  (select count(*) from environment_component) || ' environment components'")
ROLLOUTS=$("${PSQL[@]}" -d "${PREFIX}_release" -At -c "select (select count(*) from release_record) || ' release records, ' ||
  (select count(*) from rollout) || ' rollouts with ' || (select count(*) from rollout_target) || ' targets, ' ||
  (select count(*) from approval_request) || ' approval requests'")

TOKEN="$(bench_token)"
echo "== measuring ($N samples per row)"
TABLE=$(python3 bench/rollouts/client.py 127.0.0.1 8080 "$TOKEN" "$N")
echo "$TABLE"

# the plans of the states query for 5 records, at every environment and at 50 customers' (the SQL of
# RolloutViews.states, read from its source by states_sql.py)
IDS=$(python3 -c 'import hashlib, uuid; print(",".join("%r" % str(uuid.UUID(hashlib.md5(f"bench-release{k}".encode()).hexdigest())) for k in (1, 4, 7, 10, 13)))')
CUSTOMERS=$(python3 -c 'import hashlib, uuid; print(",".join("%r" % str(uuid.UUID(hashlib.md5(f"customer{i}".encode()).hexdigest())) for i in range(1, 51)))')
PLAN_ALL=$("${PSQL[@]}" -d "${PREFIX}_release" -At -c "explain (analyze, buffers, summary on) $(python3 bench/rollouts/states_sql.py "$IDS")")
PLAN_PAGE=$("${PSQL[@]}" -d "${PREFIX}_release" -At -c "explain (analyze, buffers, summary on) $(python3 bench/rollouts/states_sql.py "$IDS" "$CUSTOMERS")")
echo "$PLAN_ALL" | grep -E "Execution Time"; echo "$PLAN_PAGE" | grep -E "Execution Time"
# the plans name the ids; in the result, a list of ids is shown as '{…}'
PLAN_ALL=$(sed -E "s/'\{[0-9a-f,-]{150,}\}'/'{…}'/g" <<<"$PLAN_ALL")
PLAN_PAGE=$(sed -E "s/'\{[0-9a-f,-]{150,}\}'/'{…}'/g" <<<"$PLAN_PAGE")

PG=$("${PSQL[@]}" -d "${PREFIX}_release" -At -c "show server_version")
# where the time goes: the services' own timers and GC pauses over the whole run (management ports, service + 1000)
WHERE=$(python3 bench/lib/timers.py 9082,9083 \
  "release-service \`GET /api/rollouts/states\` (every row, warm-up included)=release-service:/api/rollouts/states" \
  "customer-service \`GET /api/versions/dashboard\`=customer-service:/api/versions/dashboard")
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
. scripts/jdk.sh && inetpublish_use_jdk
cat > "$DOC" <<MD
# Rollouts benchmark (issue 18)

Rerun: \`./inetpublish build && INETPUBLISH_AOT_TRAIN_OPTS= flock /tmp/inetpublish-platform.lock ./inetpublish scratch
rollouts bench/rollouts/run.sh\` (\`INETPUBLISH_AOT_TRAIN_OPTS=\` empty: the services run the full JIT as \`up\` runs
them; a platform of its own otherwise starts them C1 only, \`scripts/launcher/aot.sh\`).
On a platform of its own (fresh databases, dropped afterwards) it seeds customer-service with the customer benchmark's
data (\`bench/customer/seed.sql\`), release-service with 2,000 records (\`bench/plan/seed-releases.sql\`) and the
rollouts of 100 of them (\`bench/rollouts/seed-rollouts.sql\`: each to all 3,000 environments, states spread over
SYNCED, DEPLOYED, PLANNED, SKIPPED and FAILED; records 1–20 also a newer pilot rollout to a quarter of the customers,
whose state a cell shows instead, and approval requests at those customers' production environments), logs in
through the sandbox (\`scripts/sandbox-login.sh\`) and times the requests through the gateway with
\`bench/rollouts/client.py\`, then rewrites this file.

- Measured: $(bench_machine) (the cores shared with the other processes of the platform; load average $LOAD right
  after measuring); PostgreSQL $PG
- JVMs as \`./inetpublish up\` starts them; release-service: $(bench_jvm_of release-service); customer-service:
  $(bench_jvm_of customer-service)
- Percentiles: nearest rank (\`bench/lib/benchlib.py\`, docs/bench/README.md)
- Data: $COUNTS; $ROLLOUTS
- Method: after a warm-up, sequential requests over keep-alive connections to the gateway (token checked by the
  gateway and the service); times are request-to-last-byte on loopback. Records: a random 1, 5 or 20 of the 20
  with rollouts (every one reaches all 3,000 environments, so a record is 3,000 cells); the records' components with
  their versions are the dashboard's columns, a random page of 20. The dashboard page is loaded as
  \`web/src/pages/Dashboard.svelte\` loads it now (the page of 50 customers, then the states of the 5 records at
  that page's customers) and as it did before (both at the same time on two connections, the states at every
  environment); its time is until both have answered, its answer size that of the states.

$TABLE

Target from issue 18 (item 2): the dashboard fast on the benchmark's 3,000 environments, ≤ 300 ms p99 for a page of 50
customers (the last row; the row before it is how the web app loaded the page before).

Where the time goes (the services' own timers over the run, read from their management ports):

$WHERE

What was slow and what changed: the web app asked release-service for the chosen records' states at every
environment (for 5 records 15,000 cells, some 5 MB of JSON, of which a page of 50 customers shows 750), at the same
time as the page. One query all the same (no query per cell), but PostgreSQL sorts the records' targets of every
rollout (\`distinct on\` the newest rollout per environment), probes the newest approval per cell, and release-service
and the gateway write and pass on megabytes per page, with the garbage collection that comes with it. Now the page
comes first and then the states of its customers only (\`GET /api/rollouts/states?releaseId=…&customerId=…\`, at most
100 customers; the index \`rollout_target_customer_idx\`): 750 cells, some 250 KB, asked for after the page.

The states query for 5 records (\`EXPLAIN (ANALYZE, BUFFERS)\` in the benchmark's database right after the run), at
every environment:

\`\`\`
$PLAN_ALL
\`\`\`

and at the 150 environments of 50 customers:

\`\`\`
$PLAN_PAGE
\`\`\`
MD
echo "== wrote $DOC"
