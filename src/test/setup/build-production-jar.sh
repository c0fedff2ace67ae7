#!/usr/bin/env bash
# Builds the deployment jar (`./mvnw -Pproduction -DskipTests package`, the build the README documents for `java -jar`
# and the Dockerfile runs) from a copy of the sources in <out>/sources, so that its Vaadin production build never
# touches the working tree (frontend/generated) that the development-mode tests use. Prints the jar's path.
# Usage: build-production-jar.sh <out-dir> [extra maven args, e.g. -o -Dmaven.repo.local=...]
set -euo pipefail
top=$(cd "$(dirname "$0")/../../.." && pwd)
out=$1
shift
src="$out/sources"
rm -rf "$src"
mkdir -p "$src/src" "$src/docs"
cp -r "$top/pom.xml" "$top/mvnw" "$top/.mvn" "$top/db" "$top/models" "$src/"
cp -r "$top/src/main" "$src/src/main"
cp -r "$top/docs/model-bundle" "$src/docs/model-bundle"
mkdir -p "$src/frontend"
for f in "$top"/frontend/*; do
  case "$(basename "$f")" in generated|index.html) ;; *) cp -r "$f" "$src/frontend/" ;; esac
done
cd "$src"
./mvnw -B -q -Pproduction -DskipTests -DskipPrerequisites "$@" package >"$out/build.log" 2>&1 \
  || { echo "production build failed, see $out/build.log" >&2; tail -40 "$out/build.log" >&2; exit 1; }
ls "$src"/target/ivp-studio-*.jar | grep -v -- '-plain\|original' | head -1
