#!/usr/bin/env bash
# Prints the home of a JDK >= 21: $JAVA_HOME when it qualifies, else the newest
# qualifying JDK under /usr/lib/jvm. Exits 1 with a message when there is none.
# Sourced by ./mvnw and ./venti; also runnable on its own.
set -u

venti_jdk_major() {
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  [ -n "$v" ] || v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  v=${v#1.}
  v=${v%%[.+-]*}
  [ -n "$v" ] && echo "$v"
}

venti_find_jdk() {
  local want=21 best="" bestv=0 home v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(venti_jdk_major "$JAVA_HOME") && [ "$v" -ge "$want" ] && { echo "$JAVA_HOME"; return 0; }
  fi
  for home in /usr/lib/jvm/*; do
    [ -d "$home" ] && [ ! -L "$home" ] || continue
    v=$(venti_jdk_major "$home") || continue
    if [ "$v" -ge "$want" ] && [ "$v" -gt "$bestv" ]; then best=$home; bestv=$v; fi
  done
  if [ -z "$best" ]; then
    echo "venti: no JDK >= $want found (JAVA_HOME=${JAVA_HOME:-unset}, none under /usr/lib/jvm); install one or set JAVA_HOME" >&2
    return 1
  fi
  echo "$best"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  venti_find_jdk
fi
