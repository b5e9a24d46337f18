#!/usr/bin/env bash
# Evidence uploads through the gateway against the same upload sent directly to release-service (issue 21: 45 MB
# took 16 s through the gateway and 1.2 s direct; the target is at most twice the direct time).
#
# Each round sends one customer deployment with a SIZE_MB evidence file (multipart, as the web app sends it: no
# "Expect: 100-continue"), alternately to the gateway (:8080) and to release-service (:8082), with the same access
# token (张三, through the sandbox). Every part is parsed before the endpoint runs, and the endpoint then refuses the
# upload (a file over the per-file limit, a customer that does not exist): the whole body is moved, nothing is stored
# in the demo databases. Needs `./inetpublish up`. Writes docs/bench-upload.md.
# BENCH_SMOKE=true: one round of 2 MB, the result under .run/bench-smoke/ (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/bench.sh
. scripts/jdk.sh && inetpublish_use_jdk   # Java 25, as the jars are built for (see scripts/jdk.sh)
if bench_smoke; then SIZE_MB="${SIZE_MB:-2}" ROUNDS="${ROUNDS:-1}"; else SIZE_MB="${SIZE_MB:-45}" ROUNDS="${ROUNDS:-5}"; fi
DOC="$(bench_doc bench-upload.md)"
GATEWAY="${GATEWAY:-http://127.0.0.1:8080}"
DIRECT="${DIRECT:-http://127.0.0.1:8082}"

curl -fsS -o /dev/null --max-time 3 "$GATEWAY/" || { echo "the platform is not up: ./inetpublish up" >&2; exit 1; }
TOKEN="$(bench_token)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# a PNG by its signature, then zeros (what is measured is moving the bytes, not the content)
{ printf '\x89PNG\r\n\x1a\n'; head -c $((SIZE_MB * 1024 * 1024 - 8)) /dev/zero; } >"$work/evidence.png"
release="$(curl -fsS -H "Authorization: Bearer $TOKEN" "$GATEWAY/api/releases?size=1" \
  | python3 -c 'import json,sys; items=json.load(sys.stdin)["items"]; print(items[0]["id"] if items else "")')"
[[ -n "$release" ]] || release="$(python3 -c 'import uuid; print(uuid.uuid4())')"
printf '{"customerId":"%s","environmentIds":["%s"],"deployedAt":"2026-01-05T10:00:00+08:00","notes":"bench"}' \
  "$(python3 -c 'import uuid; print(uuid.uuid4())')" "$(python3 -c 'import uuid; print(uuid.uuid4())')" \
  >"$work/deployment.json"

upload() { # upload BASE -> "seconds status"
  curl -sS -o "$work/answer.json" -w '%{time_total} %{http_code}\n' -H 'Expect:' \
    -H "Authorization: Bearer $TOKEN" -F "deployment=@$work/deployment.json;type=application/json" \
    -F "evidence=@$work/evidence.png;type=image/png" "$1/api/releases/$release/deployments"
}

# one of each first, not counted (connections, JIT)
upload "$GATEWAY" >/dev/null; upload "$DIRECT" >/dev/null
declare -a gw=() direct=()
for round in $(seq 1 "$ROUNDS"); do
  read -r t code < <(upload "$DIRECT"); direct+=("$t"); echo "round $round direct  ${t}s HTTP $code"
  [[ "$code" == 4* ]] || { echo "unexpected answer: $(cat "$work/answer.json")" >&2; exit 1; }
  read -r t code < <(upload "$GATEWAY"); gw+=("$t"); echo "round $round gateway ${t}s HTTP $code"
  [[ "$code" == 4* ]] || { echo "unexpected answer: $(cat "$work/answer.json")" >&2; exit 1; }
done
answer="$(cat "$work/answer.json")"

summary="$(python3 - "${direct[*]}" "${gw[*]}" "$SIZE_MB" <<'PY'
import statistics, sys
direct = [float(x) for x in sys.argv[1].split()]
gw = [float(x) for x in sys.argv[2].split()]
size = float(sys.argv[3])
def row(name, xs):
    m = statistics.median(xs)
    return f"| {name} | {m:.2f} | {min(xs):.2f} | {max(xs):.2f} | {size / m:.0f} |"
ratio = statistics.median(gw) / statistics.median(direct)
print(row("direct to release-service", direct))
print(row("through the gateway", gw))
print(f"RATIO {ratio:.2f}")
PY
)"
ratio="$(sed -n 's/^RATIO //p' <<<"$summary")"
table="$(grep -v '^RATIO' <<<"$summary")"
verdict="within"; python3 -c "import sys; sys.exit(0 if float('$ratio') <= 2 else 1)" || verdict="NOT within"

cat >"$DOC" <<MD
# Evidence uploads through the gateway

Measured $(bench_machine); release-service: $(bench_jvm_of release-service); gateway: $(bench_jvm_of gateway); the local run (\`./inetpublish up\`: every JVM, PostgreSQL and RabbitMQ on
this one machine). Rerun: \`bench/upload/run.sh\` with the platform up; \`SIZE_MB\` and \`ROUNDS\` override the
defaults (45, 5).

One customer deployment with one ${SIZE_MB} MB evidence file (multipart, \`curl -F\`, no \`Expect: 100-continue\`,
as a browser sends it), ${ROUNDS} rounds alternating between the two paths after one unmeasured upload each, with the
same access token. The upload is refused only after release-service has read and parsed it whole (the file is over
the 20 MB per-file limit, and the deployment names a customer that does not exist): it answers \`$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d.get("status"), d.get("type","").rsplit("/",1)[-1])' "$answer" 2>/dev/null || echo 4xx)\` and stores nothing.

| path | median s | fastest s | slowest s | MB/s (median) |
|---|---:|---:|---:|---:|
$table

Through the gateway / direct (medians): **${ratio}×**, ${verdict} the target of 2×.
MD
cat "$DOC"
