#!/usr/bin/env bash
# Gateway overhead (issue 10): the same authenticated, realistic read — a page of customers — sent
#   1. directly to customer-service, 2. through nginx (proxy_pass with keep-alive: a proxy's practical floor),
#   3. through the gateway with its full filter chain (path guard, token validation, routing by Eureka name),
# with wrk at fixed connection counts (throughput, p50/p99) and hey at a fixed 1,000 requests/s (latency).
# Needs ./inetpublish up. Installs nginx-light, wrk and hey from Debian if missing. Writes docs/bench-gateway.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-16 64}"
PATH_UNDER_TEST="/api/customers?page=0&size=20"

for tool in nginx:nginx-light wrk:wrk hey:hey; do
  command -v "${tool%%:*}" >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tool#*:}"; }
done

TOKEN="$(scripts/sandbox-login.sh)"
work="$(mktemp -d)"
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream customer { server 127.0.0.1:8083; keepalive 64; }
  server {
    listen 127.0.0.1:18080;
    location / {
      proxy_pass http://customer;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
    }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"
trap 'nginx -c "$work/nginx.conf" -p "$work" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1

declare -A URLS=([direct]="http://127.0.0.1:8083$PATH_UNDER_TEST" [nginx]="http://127.0.0.1:18080$PATH_UNDER_TEST"
                 [gateway]="http://127.0.0.1:8080$PATH_UNDER_TEST")
for name in direct nginx gateway; do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "${URLS[$name]}")"
  [[ "$code" == 200 ]] || { echo "$name answered $code" >&2; exit 1; }
  wrk -t2 -c16 -d10s -H "Authorization: Bearer $TOKEN" "${URLS[$name]}" >/dev/null   # warm-up (JIT, pools)
done

to_ms() { # wrk/hey durations (us, ms, s) -> ms
  python3 -c 'import re,sys
v=sys.argv[1]; m=re.match(r"([\d.]+)(us|ms|s)?",v); n=float(m.group(1)); u=m.group(2) or "s"
print(round(n/1000 if u=="us" else n if u=="ms" else n*1000,2))' "$1"
}

declare -A RPS P50 P99 FIX50 FIX99 FIXRPS
for c in $CONNECTIONS; do
  for name in direct nginx gateway; do
    out="$(wrk -t2 -c"$c" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "${URLS[$name]}")"
    RPS[$name,$c]="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    P50[$name,$c]="$(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")"
    P99[$name,$c]="$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")"
    errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)"
    [[ -z "$errors" ]] || echo "  $name c=$c: $errors" >&2
    echo "wrk c=$c $name: ${RPS[$name,$c]} req/s p50 ${P50[$name,$c]} ms p99 ${P99[$name,$c]} ms"
  done
done
for name in direct nginx gateway; do
  out="$(hey -z "$DURATION" -c 20 -q 50 -H "Authorization: Bearer $TOKEN" "${URLS[$name]}")"
  FIXRPS[$name]="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  FIX50[$name]="$(awk '/ 50% in/ {print $3*1000}' <<<"$out")"
  FIX99[$name]="$(awk '/ 99% in/ {print $3*1000}' <<<"$out")"
  echo "hey 1000/s $name: ${FIXRPS[$name]} req/s p50 ${FIX50[$name]} ms p99 ${FIX99[$name]} ms"
done

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.0%}')" "$1" "$2"; }
diff() { python3 -c "import sys; print(f'{float(sys.argv[1])-float(sys.argv[2]):+.2f}')" "$1" "$2"; }
{
  echo "# Gateway overhead benchmark"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores / $(free -g | awk '/Mem:/ {print $2}') GiB ($(uname -m)), JDK $(java -version 2>&1 | head -1 | cut -d'"' -f2),"
  echo "everything (services, nginx, load generator) on one machine. Request: \`GET $PATH_UNDER_TEST\` with a platform"
  echo "access token (validated by the gateway and by customer-service). Rerun: \`bench/gateway/run.sh\` with the"
  echo "platform up (\`./inetpublish up\`); \`DURATION\` and \`CONNECTIONS\` override the defaults ($DURATION; $CONNECTIONS)."
  echo
  echo "## Throughput at fixed connections (wrk, 2 threads)"
  echo
  echo "| connections | path | req/s | p50 ms | p99 ms | throughput vs nginx |"
  echo "|---:|---|---:|---:|---:|---:|"
  for c in $CONNECTIONS; do
    for name in direct nginx gateway; do
      echo "| $c | $name | ${RPS[$name,$c]} | ${P50[$name,$c]} | ${P99[$name,$c]} | $(ratio "${RPS[$name,$c]}" "${RPS[nginx,$c]}") |"
    done
  done
  echo
  echo "## Latency at a fixed 1,000 requests/s (hey, 20 workers × 50/s)"
  echo
  echo "| path | achieved req/s | p50 ms | p99 ms | p99 added vs direct |"
  echo "|---|---:|---:|---:|---:|"
  for name in direct nginx gateway; do
    echo "| $name | ${FIXRPS[$name]} | ${FIX50[$name]} | ${FIX99[$name]} | $(diff "${FIX99[$name]}" "${FIX99[direct]}") |"
  done
  echo
  echo "Targets (issue 10): the gateway keeps ≥ 50% of nginx's throughput and adds ≤ 5 ms at p99 at 1,000 requests/s."
} > docs/bench-gateway.md
echo "wrote docs/bench-gateway.md"
