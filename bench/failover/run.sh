#!/usr/bin/env bash
# Failover benchmark (issue 22, item 4): two hosts on one machine, and one of them dies under load.
#
# Builds two "hosts" as Linux network namespaces (inp-a 10.77.0.11, inp-b 10.77.0.12, veth pairs on a bridge
# 10.77.0.1/24), each running one instance of every domain service and of Eureka (the two registries are peers),
# started with the launcher as an operator would on two machines (README, "Two or more hosts without Kubernetes":
# INETPUBLISH_PROCESSES, EUREKA_URL, INSTANCE_HOST). In front, on the machine itself: the gateway (finding both hosts'
# instances through both registries) and the sandbox (Feishu, Jenkins). PostgreSQL and RabbitMQ are shared: the
# hosts reach them at 10.77.0.1 through socat forwarders (the machine's servers listen on 127.0.0.1 only, and
# RabbitMQ's guest user may only connect from loopback). Databases inetpublish_failover_*, exchange and queues
# failover.*: the demo is not touched; everything is stopped and dropped afterwards.
#
# Under a steady load (bench/failover/load.py: reads through the gateway, release records and customer deployments
# that sync versions, package builds, update schedules whose reminders go out) it kills every process of host A at
# once (SIGKILL), keeps the load on host B alone, then starts host A again and shows it rejoins. Results (JSON and a
# summary) go to docs/bench/failover-<UTC>.json; docs/bench-failover.md explains them.
#
# FAILOVER_MODE=stop: host A hangs instead of dying. Every process of host A is frozen (SIGSTOP): the kernel still
# accepts connections into the listen backlog and nobody answers them, heartbeats stop, so the registries drop host A
# only when its leases expire. After the seconds after the freeze its processes go on (SIGCONT) where they stopped,
# without a restart, and the rejoin is measured from there. Default: FAILOVER_MODE=kill.
#
#   [FAILOVER_MODE=kill|stop] bench/failover/run.sh [seconds before the kill] [seconds after the kill] [seconds after host A is back]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
BEFORE="${1:-40}" AFTER="${2:-90}" REJOIN="${3:-60}"
MODE="${FAILOVER_MODE:-kill}"
[[ "$MODE" == kill || "$MODE" == stop ]] || { echo "FAILOVER_MODE is kill or stop, not '$MODE'"; exit 2; }
[[ "$(id -u)" == 0 ]] || { echo "needs root (ip netns)"; exit 1; }
command -v socat >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq socat >/dev/null; }

NET=10.77.0
BRIDGE=inpbr0
HOSTS=(a b)
PREFIX=inetpublish_failover
RUN="$ROOT/.run/failover"
PW="${EUREKA_PASSWORD:-dev-only-eureka-password}"
PEERS="http://eureka:$PW@$NET.11:8761/eureka/,http://eureka:$PW@$NET.12:8761/eureka/"
HOST_PROCESSES="discovery auth-service customer-service release-service build-service notify-service"
# every process of the bench shares these (the services' own defaults otherwise)
export INETPUBLISH_DB_PREFIX="$PREFIX" INETPUBLISH_EVENTS_EXCHANGE="inetpublish.failover.events" \
  INETPUBLISH_QUEUE_PREFIX="failover." EUREKA_URL="$PEERS" INETPUBLISH_AOT=false \
  INETPUBLISH_STARTUP_TIMEOUT="${INETPUBLISH_STARTUP_TIMEOUT:-600}" \
  INETPUBLISH_RELEASE_DUE_CHECK_INTERVAL=PT5S INETPUBLISH_RELEASE_DUE_CHECK_INITIAL_DELAY=PT10S

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

host_env() { # host_env a|b: the environment of one host's launcher
  local n; [[ "$1" == a ]] && n=11 || n=12
  printf '%s\n' "INETPUBLISH_RUN_DIR=$RUN/host-$1" "INETPUBLISH_PROCESSES=$HOST_PROCESSES" \
    "INSTANCE_HOST=$NET.$n" "INETPUBLISH_BIND_ADDRESS=0.0.0.0" "DB_HOST=$NET.1" "RABBITMQ_HOST=$NET.1" \
    "JENKINS_URL=http://$NET.1:8089/jenkins" "FEISHU_API_BASE_URL=http://$NET.1:8089" \
    "FEISHU_AUTH_BASE_URL=http://$NET.1:8089" "INETPUBLISH_INTEGRATION_HOSTS=$NET.1:8089" \
    "AUTH_TRUSTED_GATEWAYS=$NET.1" \
    "AUTH_JWKS_URI=lb://auth-service/api/auth/jwks" "BUILD_BUNDLE_STORE=postgres"
}
host_up() { # host_up a|b
  local vars; mapfile -t vars < <(host_env "$1")
  ip netns exec "inp-$1" env "${vars[@]}" ./inetpublish up
}
front() { # front up|down PROCESSES
  INETPUBLISH_RUN_DIR="$RUN/front" INETPUBLISH_PROCESSES="$2" JENKINS_URL="http://$NET.1:8089/jenkins" \
    AUTH_JWKS_URI=lb://auth-service/api/auth/jwks AUTH_REVOCATIONS_URI=lb://auth-service/actuator/revocations \
    INETPUBLISH_INTEGRATION_HOSTS="$NET.1:8089,localhost:8089,127.0.0.1:8089" ./inetpublish "$1"
}

# load.py calls back into this script to kill host A and to start it again (or to freeze it and let it go on)
case "${1:-}" in
  _kill-a) ip netns pids inp-a | xargs -r kill -9; exit 0 ;;
  _start-a) host_up a >"$RUN/host-a-rejoin.log" 2>&1; exit $? ;;
  _stop-a) ip netns pids inp-a | xargs -r kill -STOP; exit 0 ;;
  _cont-a) ip netns pids inp-a | xargs -r kill -CONT; exit 0 ;;
esac

for port in 8080 8761 8089 8081 8082 8083 8084 8085; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is taken (a platform is running?): stop it first (./inetpublish down)"; exit 1
  fi
done

cleanup() {
  set +e
  log "stopping everything and dropping the bench's databases"
  front down "gateway sandbox" >/dev/null 2>&1
  for h in "${HOSTS[@]}"; do
    ip netns pids "inp-$h" 2>/dev/null | xargs -r kill -CONT 2>/dev/null   # a frozen host (FAILOVER_MODE=stop)
    ip netns pids "inp-$h" 2>/dev/null | xargs -r kill -9 2>/dev/null
    ip netns del "inp-$h" 2>/dev/null
  done
  pkill -f "TCP-LISTEN:[0-9]*,bind=$NET.1," 2>/dev/null   # the forwarders and their connection children
  rm -f "$RUN/socat.pids"
  ip link del "$BRIDGE" 2>/dev/null
  for svc in auth release customer build notify; do
    psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists ${PREFIX}_$svc with (force)" >/dev/null 2>&1
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP   # interrupted (while host A is frozen too): through cleanup
cleanup >/dev/null 2>&1
rm -rf "$RUN"; mkdir -p "$RUN"

log "network: bridge $BRIDGE $NET.1/24, hosts inp-a $NET.11 and inp-b $NET.12"
ip link add "$BRIDGE" type bridge
ip addr add "$NET.1/24" dev "$BRIDGE"
ip link set "$BRIDGE" up
for h in "${HOSTS[@]}"; do
  [[ "$h" == a ]] && n=11 || n=12
  ip netns add "inp-$h"
  ip link add "inp-$h-v" type veth peer name eth0 netns "inp-$h"
  ip link set "inp-$h-v" master "$BRIDGE" up
  ip -n "inp-$h" addr add "$NET.$n/24" dev eth0
  ip -n "inp-$h" link set eth0 up
  ip -n "inp-$h" link set lo up
done
# PostgreSQL, RabbitMQ and the sandbox as the hosts see them
for port in 5432 5672 8089; do
  socat "TCP-LISTEN:$port,bind=$NET.1,reuseaddr,fork" "TCP:127.0.0.1:$port" &
  echo $! >>"$RUN/socat.pids"
done

for svc in auth release customer build notify; do
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database ${PREFIX}_$svc" >/dev/null
done
start=$SECONDS
log "front: the sandbox"
front up sandbox >"$RUN/front-sandbox.log" 2>&1 || { cat "$RUN/front-sandbox.log"; exit 1; }
for h in "${HOSTS[@]}"; do
  log "host $h: discovery and the five services"
  host_up "$h" >"$RUN/host-$h-up.log" 2>&1 || { cat "$RUN/host-$h-up.log"; exit 1; }
done
log "front: the gateway (finds both hosts through both registries; loads the demo data through it)"
front up gateway >"$RUN/front-gateway.log" 2>&1 || { cat "$RUN/front-gateway.log"; exit 1; }
log "all up in $((SECONDS - start)) s"

mkdir -p docs/bench
out="docs/bench/failover-$(date -u +%Y%m%dT%H%M%SZ).json"
if [[ "$MODE" == stop ]]; then fail_a="$0 _stop-a" back_a="$0 _cont-a"; else fail_a="$0 _kill-a" back_a="$0 _start-a"; fi
python3 bench/failover/load.py --before "$BEFORE" --after "$AFTER" --rejoin "$REJOIN" --mode "$MODE" \
  --kill-cmd "$fail_a" --restart-cmd "$back_a" --db-prefix "$PREFIX" --host-a "$NET.11" --out "$out"
log "results: $out"
