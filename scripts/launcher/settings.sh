# shellcheck shell=bash
# The launcher's settings (sourced by ./inetpublish): where it keeps its run directory, the databases, the process
# table, the JVM options and the environment every process gets (README, "Configuration"); say/fail; the JDK.

RUN_DIR="${INETPUBLISH_RUN_DIR:-$ROOT/.run}"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"

DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-5432}"
DB_USER="${DB_USER:-postgres}"
export DB_HOST DB_PORT DB_USER
# the services' databases are <prefix>_auth, <prefix>_release, ... The demo is inetpublish_*; the test command's
# browser scenarios run on a platform of their own (inetpublish_e2e_*, created fresh and dropped afterwards), so the
# demo database never holds what a test or a screenshot run did.
export INETPUBLISH_DB_PREFIX="${INETPUBLISH_DB_PREFIX:-inetpublish}"

# name:port:jar — start order; discovery first, gateway last.
SERVICES=(
  "discovery:8761:discovery/target/discovery.jar"
  "sandbox:8089:sandbox/target/sandbox.jar"
  "auth-service:8081:auth-service/target/auth-service.jar"
  "customer-service:8083:customer-service/target/customer-service.jar"
  "release-service:8082:release-service/target/release-service.jar"
  "build-service:8084:build-service/target/build-service.jar"
  "notify-service:8085:notify-service/target/notify-service.jar"
  "gateway:8080:gateway/target/gateway.jar"
)
DOMAIN_SERVICES=(auth-service release-service customer-service build-service notify-service)
# Several hosts without Kubernetes (README, "Two or more hosts without Kubernetes"): INETPUBLISH_PROCESSES names the
# processes this host runs (space- or comma-separated, default all of them), for example
# "discovery auth-service release-service customer-service build-service notify-service" on each service host and
# "gateway" in front. EUREKA_URL then lists every registry peer; a host's discovery joins them as a peer.
if [[ -n "${INETPUBLISH_PROCESSES:-}" ]]; then
  selected=()
  for e in "${SERVICES[@]}"; do
    [[ " ${INETPUBLISH_PROCESSES//,/ } " == *" ${e%%:*} "* ]] && selected+=("$e")
  done
  (( ${#selected[@]} )) || { echo "inetpublish: INETPUBLISH_PROCESSES names none of: ${SERVICES[*]%%:*}" >&2; exit 2; }
  SERVICES=("${selected[@]}")
  unset selected
fi
runs() { local e; for e in "${SERVICES[@]}"; do [[ "${e%%:*}" == "$1" ]] && return 0; done; return 1; }
# the registry this host asks whether the services registered: the first peer of EUREKA_URL, else the local one
REGISTRY_URL="${EUREKA_URL:-http://127.0.0.1:8761/eureka/}"
REGISTRY_URL="${REGISTRY_URL%%,*}"
REGISTRY_URL="${REGISTRY_URL%/}/"
GATEWAY_MANAGEMENT_PORT="${GATEWAY_MANAGEMENT_PORT:-8090}"
# Every process listens on this address only (ports and management ports, the sandbox's too, whose login page makes
# anyone an admin locally). INETPUBLISH_BIND_ADDRESS=0.0.0.0 opens the local run to the network.
BIND_ADDRESS="${INETPUBLISH_BIND_ADDRESS:-127.0.0.1}"
# the registry's credentials (discovery checks them; services and gateway carry them in their Eureka URL)
export EUREKA_USER="${EUREKA_USER:-eureka}"
export EUREKA_PASSWORD="${EUREKA_PASSWORD:-dev-only-eureka-password}"
# a training run (the first start after a build, full JIT, 8 JVMs on 2 cores) took 279 s on a busy machine
STARTUP_TIMEOUT="${INETPUBLISH_STARTUP_TIMEOUT:-480}"
# how often `up` asks whether a process is healthy, registered, reachable (seconds)
POLL=0.5

# Eight JVMs share two cores and a few GiB: small heaps, serial GC, a bounded metaspace, fewer threads, and compact
# object headers (Java 25, JEP 519: 8-byte instead of 12-byte object headers, a smaller heap for the same objects).
# The heap starts at 128 MB: a service's heap grows to ~150 MB while it starts anyway, and from 32 MB it got there
# through ~60 young collections (30 from 128 MB); resident memory after the start is the same (docs/bench-startup.md).
JAVA_OPTS_DEFAULT="-Xms128m -Xmx${INETPUBLISH_HEAP:-256m} -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -Xss512k \
-XX:ReservedCodeCacheSize=64m -XX:CICompilerCount=2 -XX:+UseCompactObjectHeaders -Dfile.encoding=UTF-8"
JAVA_OPTS="${INETPUBLISH_JAVA_OPTS:-$JAVA_OPTS_DEFAULT}"
# Every JVM runs the full JIT (C1, then C2 for hot code): the AOT cache below gives the quick start that C1-only
# bought before (C1-only cost ~7x the CPU per request). INETPUBLISH_JIT_OPTS adds JIT flags for all but the gateway,
# e.g. INETPUBLISH_JIT_OPTS=-XX:TieredStopAtLevel=1 for the old C1-only services.
JIT_OPTS="${INETPUBLISH_JIT_OPTS-}"
# The launcher's short jobs, JVMs that live seconds (extract_jar in aot.sh; javac and jar of the shared JVM's host in
# shared-jvm.sh): C1 only and the serial collector, done before C2 or a parallel collector pays off (extracting a
# service's jar 1.8 instead of 2.7 CPU s; the host's javac and jar 1.9 instead of 3.3 s). The same flags, in their
# own formats: Maven's own JVM in .mvn/jvm.config (every ./mvnw), the test JVMs in pom.xml's test.jvm.options.
SHORT_JOB_JVM_OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

# The sandbox stands in for Jenkins and Feishu locally; production sets these to the real hosts and credentials.
# The sandbox's demo app and Jenkins user are the defaults of both sides (sandbox application.yml).
SANDBOX_URL="http://localhost:8089"
export JENKINS_URL="${JENKINS_URL:-$SANDBOX_URL/jenkins}"
export JENKINS_USER="${JENKINS_USER:-demo}"
export JENKINS_API_TOKEN="${JENKINS_API_TOKEN:-sandbox-demo-token}"
# (FEISHU_BASE_URL is FEISHU_API_BASE_URL's former name, still read until the next release)
export FEISHU_API_BASE_URL="${FEISHU_API_BASE_URL:-${FEISHU_BASE_URL:-$SANDBOX_URL}}"
export FEISHU_AUTH_BASE_URL="${FEISHU_AUTH_BASE_URL:-$SANDBOX_URL}"
export FEISHU_APP_ID="${FEISHU_APP_ID:-cli_sandbox_app}"
export FEISHU_APP_SECRET="${FEISHU_APP_SECRET:-sandbox-app-secret}"
export PLATFORM_BASE_URL="${PLATFORM_BASE_URL:-http://localhost:8080}"
# Feishu's card callback (approvals, docs/feishu-card-callback.md): the app's Verification Token and Encrypt Key, the
# same on both sides, and where the sandbox's Feishu sends a click (through the gateway, like Feishu would)
export FEISHU_VERIFICATION_TOKEN="${FEISHU_VERIFICATION_TOKEN:-sandbox-verification-token}"
export FEISHU_ENCRYPT_KEY="${FEISHU_ENCRYPT_KEY-sandbox-encrypt-key}"
export FEISHU_CARD_CALLBACK_URL="${FEISHU_CARD_CALLBACK_URL:-$PLATFORM_BASE_URL/api/approvals/feishu/card-callback}"
# the hosts Jenkins and Feishu settings may point at: the sandbox (under either name); nothing else on this machine
export INETPUBLISH_INTEGRATION_HOSTS="${INETPUBLISH_INTEGRATION_HOSTS:-localhost:8089,127.0.0.1:8089}"
# the demo's admin (demo/demo-data.json: the sandbox's 张三) administers the local run (users, roles, settings);
# everyone else starts as a viewer
export INETPUBLISH_ADMINS="${INETPUBLISH_ADMINS:-$("$ROOT/demo/person.py" admin email)}"
export INETPUBLISH_DEMO_DATA="${INETPUBLISH_DEMO_DATA:-true}"
# every local browser and script comes from 127.0.0.1, one "client" to the login rate limit (30 a minute in
# production, where a login counts twice: the start and Feishu's callback); the browser scenarios log in often
export AUTH_LOGIN_RATE_PER_MINUTE="${AUTH_LOGIN_RATE_PER_MINUTE:-300}"
export AUTH_REFRESH_RATE_PER_MINUTE="${AUTH_REFRESH_RATE_PER_MINUTE:-600}"
# the gateway runs on this machine: auth-service believes the client address it passes on (X-InetPublish-Client)
export AUTH_TRUSTED_GATEWAYS="${AUTH_TRUSTED_GATEWAYS:-127.0.0.1,::1}"

say() { printf '%s\n' "$*"; }
fail() { printf 'inetpublish: %s\n' "$*" >&2; exit 1; }

# Java 25 for the build and every JVM: JAVA_HOME if it is a JDK 25, else an installed one (/usr/lib/jvm/*25*, ...);
# scripts/jdk.sh says where it looks and what to install when there is none. Exports JAVA_HOME and PATH.
# shellcheck source=scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
need_jdk() {
  inetpublish_use_jdk || fail "no Java 25 JDK found (see above)"
}
