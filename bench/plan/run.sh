#!/usr/bin/env bash
# Upgrade-plan benchmark (issue 17): the customer benchmark's data (1,000 customers x 3 environments x 60 components,
# bench/customer/seed.sql) plus 2,000 release records (bench/plan/seed-releases.sql); 100 production environments
# get all 60 components 5 patch versions behind mainline (bench/plan/behind.sql). Times plans of one of them and of
# 50 at once through the gateway with a person's access token, and writes docs/bench-plan.md.
#
# Runs on a platform of its own (it replaces the customer data of the platform it runs against):
#   ./inetpublish build && flock /tmp/inetpublish-platform.lock ./inetpublish scratch plan bench/plan/run.sh
#   N_ONE=300 N_FIFTY=60 (defaults) samples.
#   BENCH_SMOKE=true: 3 and 1 samples, the result under .run/bench-smoke/ (what CI runs, last, on its own platform)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/bench.sh
PREFIX="$(bench_scratch_prefix bench/plan/run.sh)"
if bench_smoke; then N_ONE=${N_ONE:-3} N_FIFTY=${N_FIFTY:-1}; else N_ONE=${N_ONE:-300} N_FIFTY=${N_FIFTY:-60}; fi
DOC="$(bench_doc bench-plan.md)"
PSQL=(psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" -v ON_ERROR_STOP=1 -q)

echo "== seeding ${PREFIX}_customer (customer benchmark data) and ${PREFIX}_release (2,000 release records)"
start=$(date +%s)
bench_seed_customers "${PREFIX}_customer" "${PSQL[@]}"   # without the operation log, which a plan does not read
"${PSQL[@]}" -d "${PREFIX}_customer" -f bench/plan/behind.sql
"${PSQL[@]}" -d "${PREFIX}_release" -f bench/plan/seed-releases.sql
echo "   seeded in $(( $(date +%s) - start )) s"
COUNTS=$("${PSQL[@]}" -d "${PREFIX}_customer" -At -c "select (select count(*) from customer) || ' customers, ' ||
  (select count(*) from environment) || ' environments, ' || (select count(*) from component where name like 'comp-%') || ' components, ' ||
  (select count(*) from environment_component) || ' environment components'")
RELEASES=$("${PSQL[@]}" -d "${PREFIX}_release" -At -c "select count(*) || ' release records with ' ||
  (select count(*) from release_item) || ' items' from release_record")

TOKEN="$(bench_token)"
echo "== measuring ($N_ONE plans of one environment, $N_FIFTY plans of 50)"
TABLE=$(python3 bench/plan/client.py 127.0.0.1 8080 "$TOKEN" "$N_ONE" "$N_FIFTY")
echo "$TABLE"

PG=$("${PSQL[@]}" -d "${PREFIX}_release" -At -c "show server_version")
# where the time goes: the services' own timers and GC pauses over the whole run (management ports, service + 1000)
WHERE=$(python3 bench/lib/timers.py 9082,9083 \
  "release-service \`GET /api/plans\` (both sizes, warm-up included)=release-service:/api/plans" \
  "customer-service \`GET /api/versions/installed\` (one per plan)=customer-service:/api/versions/installed")
. scripts/jdk.sh && inetpublish_use_jdk
cat > "$DOC" <<MD
# Upgrade-plan benchmark (issue 17)

Rerun: \`./inetpublish build && INETPUBLISH_AOT_TRAIN_OPTS= flock /tmp/inetpublish-platform.lock ./inetpublish scratch
plan bench/plan/run.sh\` (\`INETPUBLISH_AOT_TRAIN_OPTS=\` empty: the services run the full JIT as \`up\` runs them; a
platform of its own otherwise starts them C1 only, \`scripts/launcher/aot.sh\`; neither has an AOT cache, which
speeds up the start, not the steady state measured here).
On a platform of its own (fresh databases, dropped afterwards) it seeds customer-service with the customer benchmark's
data (\`bench/customer/seed.sql\`), moves the 60 components of 100 production environments 5 patch versions behind
their mainline (\`bench/plan/behind.sql\`), adds 2,000 release records (\`bench/plan/seed-releases.sql\`: 1 to 3
components each, versions spread over 2.0.0 … 2.9.19, a ticket, a manual of some 400 characters, a config change in
one of four), logs in through the sandbox (\`scripts/sandbox-login.sh\`) and times \`GET /api/plans\` through the
gateway with \`bench/plan/client.py\`, then rewrites this file.

- Measured: $(bench_machine) (the cores shared with the other processes of the platform); PostgreSQL $PG
- JVMs as \`./inetpublish up\` starts them; release-service: $(bench_jvm_of release-service); customer-service:
  $(bench_jvm_of customer-service)
- Percentiles: nearest rank (\`bench/lib/benchlib.py\`, docs/bench/README.md)
- Data: $COUNTS; $RELEASES
- Method: after a warm-up, sequential requests over one keep-alive connection to the gateway (token checked by the
  gateway and release-service; release-service asks customer-service once per plan, \`GET /api/versions/installed\`);
  times are request-to-last-byte on loopback. One environment: a random one of the 100; 50 environments: a random
  50 of the 100 per request.

$TABLE

Targets from issue 17: one environment 60 components behind ≤ 200 ms p99; 50 environments ≤ 1 s p99.

Where the time goes (the services' own timers over the run, read from their management ports):

$WHERE

The customer-service call is a small part; the rest is release-service's work and its garbage collection (Serial GC,
\`-Xms32m\`: a 50-environment plan answers 10 MB of JSON). The same run with the services C1 only (a platform of its
own's default) measured 2026-12-03 23:16 UTC: one environment p50 65.6 / p99 292.7 ms, 50 environments p99 1092.8 ms;
the 14:27 UTC run (full JIT and AOT cache, an Intel machine of the same size) measured one environment p99 205.4 ms.

How: one call to customer-service for all environments (installed versions and mainlines, primary-key reads), three
set-based queries in release-service for the candidate records with their items, the deployments and the skip marks
of those environments, one more for the steps' tickets, packages and manuals; the ordering runs in memory on
\`VersionOrder\` sort keys computed once per version.
MD
echo "== wrote $DOC"
