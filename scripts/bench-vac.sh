#!/usr/bin/env bash
# Side-by-side timing of plan9port's vac and unvac against ours, on one tree, into this
# project's server: the C tools into one fresh store, ours into another, in the same run.
#
#   scripts/bench-vac.sh PLAN9_DIR [TREE]      (TREE defaults to /usr/share/doc)
#
# Prints the wall time of each step, the speed-ups, and whether each restored tree equals
# the original (diff -r), plus the C unvac restoring our archive (the compatibility check).
# Binds 127.0.0.1 only; stops the servers it starts by process id; deletes its files.
set -eu
plan9=${1:?usage: scripts/bench-vac.sh PLAN9_DIR [TREE]}
tree=${2:-/usr/share/doc}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-vac.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

export PLAN9=$plan9     # its bin is not put on PATH: it has its own sed, grep, awk ...
"$root/venti" --version >/dev/null          # build the jar before any timing

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
serve() {   # serve NAME: a fresh store in $work/NAME on a free port; prints the port
  local port; port=$(free_port)
  "$root/venti" server --data "$work/$1" -a "127.0.0.1:$port" >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    if "$root/venti" sync -h "127.0.0.1:$port" 2>/dev/null; then echo "$port"; return; fi
    sleep 0.2
  done
  echo "server $1 did not start: $(cat "$work/$1.log")" >&2; exit 1
}
seconds() { local t0 t1; t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }

cport=$(serve c-store)
jport=$(serve java-store)
parent=$(dirname "$tree"); name=$(basename "$tree")
size=$(du -sh "$tree" | cut -f1); files=$(find "$tree" -type f | wc -l)
echo "tree: $tree ($size, $files files); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$tree" >/dev/null 2>&1 || true; find "$tree" -type f -exec cat {} + >/dev/null 2>&1   # warm the page cache

cd "$parent"
c_vac=$(seconds "$plan9/bin/vac" -h "tcp!127.0.0.1!$cport" -f "$work/c.vac" "$name" 2>"$work/c-vac.err")
j_vac=$(seconds "$root/venti" vac -h "127.0.0.1:$jport" -f "$work/j.vac" "$name" 2>"$work/j-vac.err")
mkdir "$work/c-out" "$work/j-out" "$work/x-out"
cd "$work/c-out"; c_unvac=$(seconds "$plan9/bin/unvac" -h "tcp!127.0.0.1!$cport" "$work/c.vac" 2>"$work/c-unvac.err")
cd "$work/j-out"; j_unvac=$(seconds "$root/venti" unvac -h "127.0.0.1:$jport" "$work/j.vac" 2>"$work/j-unvac.err")
cd "$work/x-out"; "$plan9/bin/unvac" -h "tcp!127.0.0.1!$jport" "$work/j.vac" 2>"$work/x-unvac.err" || true

listing() { (cd "$1" && find . \( -type f -o -type d \) -printf '%y %m %p\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha1sum); }
listing "$tree" >"$work/tree.list"
same() {   # regular files (contents, permissions) and directories: the restored tree against the original
  if listing "$1/$name" | diff "$work/tree.list" - >"$work/diff.out"; then echo same
  else echo "DIFFERENT ($(grep -c '^[<>]' "$work/diff.out") lines differ, first: $(grep -m1 '^[<>]' "$work/diff.out"))"; fi
}
printf '%-28s %8s %8s %8s\n' step "C (s)" "ours (s)" "speed-up"
printf '%-28s %8.2f %8.2f %7.1fx\n' "vac $name" "$c_vac" "$j_vac" "$(echo "$c_vac / $j_vac" | bc -l)"
printf '%-28s %8.2f %8.2f %7.1fx\n' "unvac" "$c_unvac" "$j_unvac" "$(echo "$c_unvac / $j_unvac" | bc -l)"
echo "C unvac of C vac:       $(same "$work/c-out")"
echo "our unvac of our vac:   $(same "$work/j-out")"
echo "C unvac of our vac:     $(same "$work/x-out")"
echo "symbolic links in the tree (vac skips them; plan9port stores them, its unvac skips them): $(find "$tree" -type l | wc -l)"
