#!/usr/bin/env bash
# Builds the image of every runnable module with Jib (no Docker daemon) into a tarball and checks it
# (deploy/images/images.py check): name and tag, non-root user, entrypoint, ports, OCI labels, layers, and that the
# Kubernetes manifests and docker-compose.yml run those very images.
#
# The base image (eclipse-temurin:25-jre, property image.base in pom.xml) cannot be pulled here: this machine and CI
# reach Maven Central, Debian and npm only. So the images are built on a stand-in base (images.py stand-in-base: the
# base's environment, no Java) given to Jib as a local tarball (-Dimage.from=tar://…). What this proves: the image
# Jib makes of each module, its configuration and layers. What it cannot: that the real base runs the jars; build
# with the real base where a registry is reachable (README, "Images").
#
#   deploy/images/check.sh          (after the jars were built: ./mvnw -B -DskipTests package, or the test run)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="target/images"
MODULES=(discovery gateway auth-service release-service customer-service build-service notify-service)
mkdir -p "$OUT"
python3 deploy/images/images.py stand-in-base "$OUT/stand-in-base.tar" >/dev/null
revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
source="$(git remote get-url origin 2>/dev/null || echo "file://$PWD")"
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)"
base="$(sed -n 's:.*<image.base>\(.*\)</image.base>.*:\1:p' pom.xml)"
# package again without tests (compiled classes are up to date: fast) so that Jib sees each module's jar and classes
./mvnw -B -q -pl "load-balancing,common,$(IFS=,; echo "${MODULES[*]}")" -DskipTests -Dweb.skip=true \
  -Dimage.from="tar://$PWD/$OUT/stand-in-base.tar" -Dimage.revision="$revision" -Dimage.source="$source" \
  package jib:buildTar
args=()
for module in "${MODULES[@]}"; do args+=("$module=$module/target/jib-image.tar"); done
python3 deploy/images/images.py check --version "$version" --tag "$version" --registry inetpublish \
  --revision "$revision" --source "$source" --base "$base" "${args[@]}"
