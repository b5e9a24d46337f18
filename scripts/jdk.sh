# Finds the JDK iNetPublish builds and runs on: Java 25 (or newer). Sourced (POSIX sh) by ./mvnw, ./inetpublish
# and .ci/run; defines inetpublish_use_jdk, which exports JAVA_HOME and puts its bin/ first on PATH, or prints what
# to install and returns 1. Order: $JAVA_HOME if it is 25+, then /usr/lib/jvm/*25* (and other JDK folders,
# a newer one when there is no 25), then the `java` on PATH if it is 25+.

# inetpublish_jdk_major DIR: prints the Java major version of the JDK in DIR (from its `release` file), or nothing
inetpublish_jdk_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 1
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
}

inetpublish_find_jdk() {
  _ip_need=25
  _ip_major="$(inetpublish_jdk_major "${JAVA_HOME:-/nonexistent}" 2>/dev/null || true)"
  if [ -n "$_ip_major" ] && [ "$_ip_major" -ge "$_ip_need" ]; then printf '%s\n' "$JAVA_HOME"; return 0; fi
  _ip_best=""; _ip_best_major=0
  # INETPUBLISH_JDK_DIRS (a glob pattern list) replaces the folders searched
  for _ip_dir in ${INETPUBLISH_JDK_DIRS:-/usr/lib/jvm/*25* /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*}; do
    [ -d "$_ip_dir" ] || continue
    _ip_major="$(inetpublish_jdk_major "$_ip_dir" 2>/dev/null || true)"
    [ -n "$_ip_major" ] && [ "$_ip_major" -ge "$_ip_need" ] || continue
    # Java 25 itself first (the version CI and the images run), a newer one only when there is no 25
    if [ "$_ip_major" -eq "$_ip_need" ]; then printf '%s\n' "$_ip_dir"; return 0; fi
    [ "$_ip_major" -gt "$_ip_best_major" ] && { _ip_best="$_ip_dir"; _ip_best_major="$_ip_major"; }
  done
  [ -n "$_ip_best" ] && { printf '%s\n' "$_ip_best"; return 0; }
  _ip_java="$(command -v java 2>/dev/null || true)"
  if [ -n "$_ip_java" ]; then
    _ip_dir="$(cd "$(dirname "$(readlink -f "$_ip_java")")/.." && pwd)"
    _ip_major="$(inetpublish_jdk_major "$_ip_dir" 2>/dev/null || true)"
    if [ -n "$_ip_major" ] && [ "$_ip_major" -ge "$_ip_need" ]; then printf '%s\n' "$_ip_dir"; return 0; fi
  fi
  return 1
}

inetpublish_use_jdk() {
  _ip_home="$(inetpublish_find_jdk)" || {
    cat >&2 <<'EOF'
iNetPublish needs a Java 25 JDK, and none was found (looked at JAVA_HOME, /usr/lib/jvm/*, /usr/local/lib/jvm/*,
/opt/java/*, /opt/jdk*, ~/.sdkman and the java on PATH). Install one, for example:
  Debian/Ubuntu: the temurin-25-jdk package from Eclipse Adoptium's apt repository (it installs to
                 /usr/lib/jvm/temurin-25-jdk-amd64), or openjdk-25-jdk where the distribution has it
  SDKMAN:        sdk install java 25-tem
or set JAVA_HOME to a JDK 25 you already have.
EOF
    return 1
  }
  JAVA_HOME="$_ip_home"
  PATH="$JAVA_HOME/bin:$PATH"
  export JAVA_HOME PATH
}
