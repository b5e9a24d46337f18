#!/usr/bin/env bash
# Renders every installation under deploy/k8s with `kubectl kustomize` and validates each object, offline, against
# the Kubernetes 1.33 API (kubernetes-models 4.5.1: schema validators plus TypeScript's check of unknown fields) and
# the platform's rules (probes on the management port, resource requests and limits, graceful shutdown, budgets,
# Eureka peers, Ingress with TLS to the gateway only, NetworkPolicy, no Secret in the manifests, the backup CronJob and
# the restore Job (applied on its own, never in an installation); check.mjs).
# Then it checks the checker: every case under tests/ is a broken installation that must fail with its message.
#   deploy/k8s/check.sh          (needs kubectl and node; installs the pinned npm packages on first use)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
command -v kubectl >/dev/null || { echo "deploy/k8s/check.sh: kubectl is needed (kubectl kustomize)" >&2; exit 1; }
command -v node >/dev/null || { echo "deploy/k8s/check.sh: node is needed" >&2; exit 1; }
# the pinned packages (package-lock.json), installed once
if ! node -e 'const a=require("./package-lock.json").packages,b=require("./node_modules/.package-lock.json").packages;
        for (const k of Object.keys(a)) if (k && (!b[k] || b[k].version !== a[k].version)) process.exit(1)' 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

# 1. the installations
kubectl kustomize overlays/small >"$OUT/small.yaml"
kubectl kustomize overlays/ha >"$OUT/ha.yaml"
kubectl kustomize secrets-example >"$OUT/secrets-example.yaml"
# the restore Job, applied on its own (docs/backup.md)
kubectl kustomize restore >"$OUT/restore.yaml"
node check.mjs small="$OUT/small.yaml" ha="$OUT/ha.yaml" --ha secrets-example="$OUT/secrets-example.yaml" \
  restore="$OUT/restore.yaml"

# 2. the checker refuses what it must (one run for all cases)
args=()
for dir in tests/*/; do
  name="$(basename "$dir")"
  kubectl kustomize "$dir" >"$OUT/test-$name.yaml"
  args+=("$name=$OUT/test-$name.yaml")
  [[ "$name" == ha-* ]] && args+=(--ha)
done
set +e
node check.mjs "${args[@]}" >"$OUT/tests.out"
rc=$?
set -e
passed=0 failed=0
for dir in tests/*/; do
  name="$(basename "$dir")"
  expect="$(cat "$dir/expect")"
  if (( rc == 1 )) && grep -F -- "$name: " "$OUT/tests.out" | grep -qF -- "$expect"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "deploy/k8s: the broken installation tests/$name was not refused with: $expect" >&2
    grep -F -- "$name: " "$OUT/tests.out" >&2 || true
  fi
done
echo "deploy/k8s checker: $passed passed, $failed failed"
(( failed == 0 ))
