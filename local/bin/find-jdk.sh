#!/usr/bin/env bash
# Prints the home of a JDK >= 21: $JAVA_HOME when it qualifies, else the newest under /usr/lib/jvm.
# Exits 1, printing nothing, when there is none.
set -u
major() { # the feature version of the JDK at $1, or 0
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}
if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/javac" && $(major "$JAVA_HOME") -ge 21 ]]; then
  echo "$JAVA_HOME"; exit 0
fi
best=""; best_v=0
for d in /usr/lib/jvm/*/; do
  d=${d%/}
  [[ -x "$d/bin/javac" && ! -L "$d" ]] || continue
  v=$(major "$d")
  if (( v >= 21 && v > best_v )); then best=$d; best_v=$v; fi
done
[[ -n "$best" ]] || exit 1
echo "$best"
