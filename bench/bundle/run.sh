#!/usr/bin/env bash
# Copying a large package from Jenkins into the platform's bundle store keeps every service's heap flat (issue 17).
#
# Run it on a platform of its own: ./inetpublish scratch bundlebench bench/bundle/run.sh
# The sandbox Jenkins is told to archive an extra generated file of SIZE_MB (default 500) with every package
# (POST /sandbox/jenkins/package-padding); one demo release record is packaged through the gateway; build-service
# copies the package from the sandbox into its bundle store while client.py samples jvm_memory_used_bytes{area="heap"}
# of every service, the gateway and the sandbox from their actuator every 200 ms. Then the stored payload is
# downloaded through the gateway and its SHA-256 checked against the manifest, sampling again. Writes
# docs/bench-bundle.md. BENCH_SMOKE=true: a 5 MB padding file, the result under .run/bench-smoke/ (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/bench.sh
. scripts/jdk.sh && inetpublish_use_jdk
if bench_smoke; then export SIZE_MB="${SIZE_MB:-5}"; else export SIZE_MB="${SIZE_MB:-500}"; fi
export GATEWAY="${GATEWAY:-http://127.0.0.1:8080}"
export SANDBOX="${SANDBOX:-http://127.0.0.1:8089}"
curl -fsS -o /dev/null --max-time 3 "$GATEWAY/" || { echo "the platform is not up" >&2; exit 1; }
# the login goes through the gateway's own address (AUTH_REDIRECT_URI is http://localhost:8080/...)
export TOKEN="$(bench_token)"
export DOC="$(bench_doc bench-bundle.md)"
export MACHINE_DESC="$(bench_machine)"
default_opts="-Xms128m -Xmx${INETPUBLISH_HEAP:-256m} -XX:+UseSerialGC (the launcher default)"
export HEAP_DESC="${INETPUBLISH_JAVA_OPTS:-$default_opts}"
default_jit="full JIT, tiered C1 and C2 (INETPUBLISH_JIT_OPTS empty)"
export JIT_DESC="${INETPUBLISH_JIT_OPTS:-$default_jit}, AOT cache ${INETPUBLISH_AOT:-true}"
python3 bench/bundle/client.py
