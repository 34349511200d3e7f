#!/usr/bin/env bash
# `make run`'s build step: runs `<mvn> -DskipTests package` (every module) only when a jar make run needs is
# missing or older than some POM or main source file, so a second `make run` (or the make-run test inside
# `mvn verify`, where everything was just packaged) starts at once and never rewrites jars in use.
# Usage: build-if-stale.sh <mvn command...>   (run at the repository root)
set -euo pipefail

jars=(local/runner/target/local-runner.jar)
for pom in functions/*/pom.xml; do
  [ -f "$pom" ] || continue
  module=$(dirname "$pom")
  jars+=("$module/target/$(basename "$module").jar") # docs/DEPLOY.md: finalName = the module's directory name
done

reason=""
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ]; then reason="$jar is missing"; break; fi
done
if [ -z "$reason" ]; then
  oldest=$(ls -1tr "${jars[@]}" | head -n 1)
  changed=$(find . \( -path ./.venv -o -path ./.git -o -path ./.aws-sam -o -name target \) -prune -o \
    -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$oldest" -print -quit)
  if [ -n "$changed" ]; then reason="$changed changed after $oldest was built"; fi
fi

if [ -n "$reason" ]; then
  echo "make run: building every module without tests ($reason)"
  "$@" -DskipTests package
else
  echo "make run: the build is up to date"
fi
