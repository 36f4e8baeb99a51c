#!/usr/bin/env bash
# Side-by-side timing of plan9port's vac and unvac against ours, on one tree, into this
# project's server: the C tools into one fresh store, ours into another, in the same run.
#
#   scripts/bench-vac.sh PLAN9_DIR [TREE]      (TREE defaults to /usr/share/doc)
#
# The restores go to a memory file system (RESTORE_DIR, default /dev/shm when it exists):
# on ext4, creating thousands of files costs anywhere from 0.2 to 2.4 s of kernel time from
# one run to the next (its inode allocator after mass deletions), which would drown both tools.
# Both servers are warmed up first, as a server that has run for a while is: each archives and
# restores, with the client that is timed on it, a copy of the tree whose files start with an
# extra newline (so that none of its blocks is one the timed steps write), so that what is
# timed is not mostly the server's JIT compiling its write and read paths (1.5 s of its CPU on
# the first restore alone; it still compiles 0.2-0.6 s in the timed steps). Before each step both
# servers write back their index entries and the kernel its dirty pages, so that no step
# shares the CPU with the previous step's write-back (1.5 s of a server's CPU, 5 s after a vac).
#
# Prints each step's wall time and speed-up, the CPU seconds of the client and of the server
# during it, and whether each restored tree equals the original (regular files' contents
# and modes, directories), plus the C unvac restoring our archive (the compatibility check).
# Binds 127.0.0.1 only; stops the servers it starts by process id; deletes its files.
set -eu
plan9=${1:?usage: scripts/bench-vac.sh PLAN9_DIR [TREE]}
tree=${2:-/usr/share/doc}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-vac.XXXXXX")
restore_parent=${RESTORE_DIR:-$([ -d /dev/shm ] && echo /dev/shm || echo "$work")}
out=$(mktemp -d "$restore_parent/bench-vac-out.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work" "$out"
}
trap cleanup EXIT

export PLAN9=$plan9     # its bin is not put on PATH: it has its own sed, grep, awk ...
"$root/venti" --version >/dev/null          # build the jar before any timing

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
serve() {   # serve NAME: a fresh store in $work/NAME on free ports; sets port, http and pid (no
  port=$(free_port); http=$(free_port)  # subshell, so that cleanup knows the pid)
  "$root/venti" server --data "$work/$1" -a "127.0.0.1:$port" -h "127.0.0.1:$http" >"$work/$1.log" 2>&1 &
  pid=$!; pids+=("$pid")
  for _ in $(seq 100); do
    if "$root/venti" sync -h "127.0.0.1:$port" 2>/dev/null; then return; fi
    sleep 0.2
  done
  echo "server $1 did not start: $(cat "$work/$1.log")" >&2; exit 1
}
# run CMD...: runs it, prints "wall-seconds client-cpu-seconds" (user+sys of the command)
run() { /usr/bin/time -f '%e %U %S' -o "$work/time.out" "$@"; awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/time.out"; }
cpu_of() { awk '{printf "%.2f\n", ($14 + $15) / 100}' "/proc/$1/stat"; }   # user+sys seconds of a process

serve c-store; cport=$port; chttp=$http; cpid=$pid
serve java-store; jport=$port; jhttp=$http; jpid=$pid
parent=$(dirname "$tree"); name=$(basename "$tree")
size=$(du -sh "$tree" | cut -f1); files=$(find "$tree" -type f | wc -l)
echo "tree: $tree ($size, $files files); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$tree" >/dev/null 2>&1 || true; find "$tree" -type f -exec cat {} + >/dev/null 2>&1   # warm the page cache

settle() {   # both servers' index entries and the kernel's dirty pages written back
  curl -sf -X POST "http://127.0.0.1:$chttp/flushicache" >/dev/null
  curl -sf -X POST "http://127.0.0.1:$jhttp/flushicache" >/dev/null
  sync
  sleep 1
}
# step NAME SERVERPID CMD...: times CMD after settling; sets NAME to "wall client-cpu server-cpu"
step() {
  local var=$1 spid=$2; shift 2
  settle
  local s0 r s1; s0=$(cpu_of "$spid"); r=$(run "$@"); s1=$(cpu_of "$spid")
  printf -v "$var" '%s %.2f' "$r" "$(echo "$s1 - $s0" | bc)"
}
# The warm-up tree: the tree's files with a newline put first, none of their blocks one of the tree's.
python3 - "$tree" "$out/shifted/$name" <<'PY'
import os, sys
src, dst = sys.argv[1], sys.argv[2]
for d, _, files in os.walk(src):
    t = os.path.join(dst, os.path.relpath(d, src))
    os.makedirs(t, exist_ok=True)
    for f in files:
        p = os.path.join(d, f)
        if os.path.isfile(p) and not os.path.islink(p):
            try:
                with open(p, "rb") as i, open(os.path.join(t, f), "wb") as o:
                    o.write(b"\n" + i.read())
            except OSError:
                pass
PY
mkdir "$out/warm-c" "$out/warm-j"
(cd "$out/shifted" && "$plan9/bin/vac" -h "tcp!127.0.0.1!$cport" -f "$work/warm-c.vac" "$name" 2>/dev/null)
(cd "$out/warm-c" && "$plan9/bin/unvac" -h "tcp!127.0.0.1!$cport" "$work/warm-c.vac" 2>/dev/null)
(cd "$out/shifted" && "$root/venti" vac -h "127.0.0.1:$jport" -f "$work/warm-j.vac" "$name" 2>/dev/null)
(cd "$out/warm-j" && "$root/venti" unvac -h "127.0.0.1:$jport" "$work/warm-j.vac" 2>/dev/null)
rm -rf "$out/shifted" "$out/warm-c" "$out/warm-j"
cd "$parent"
step c_vac "$cpid" "$plan9/bin/vac" -h "tcp!127.0.0.1!$cport" -f "$work/c.vac" "$name" 2>"$work/c-vac.err"
step j_vac "$jpid" "$root/venti" vac -h "127.0.0.1:$jport" -f "$work/j.vac" "$name" 2>"$work/j-vac.err"
mkdir "$out/c" "$out/j" "$out/x"
cd "$out/c"; step c_unvac "$cpid" "$plan9/bin/unvac" -h "tcp!127.0.0.1!$cport" "$work/c.vac" 2>"$work/c-unvac.err"
cd "$out/j"; step j_unvac "$jpid" "$root/venti" unvac -h "127.0.0.1:$jport" "$work/j.vac" 2>"$work/j-unvac.err"
cd "$out/x"; "$plan9/bin/unvac" -h "tcp!127.0.0.1!$jport" "$work/j.vac" 2>"$work/x-unvac.err" || true

listing() { (cd "$1" && find . \( -type f -o -type d \) -printf '%y %m %p\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha1sum); }
listing "$tree" >"$work/tree.list"
same() {   # regular files (contents, permissions) and directories: the restored tree against the original
  if listing "$1/$name" | diff "$work/tree.list" - >"$work/diff.out"; then echo same
  else echo "DIFFERENT ($(grep -c '^[<>]' "$work/diff.out") lines differ, first: $(grep -m1 '^[<>]' "$work/diff.out"))"; fi
}
line() {   # line LABEL "C-wall C-cpu C-server" "our-wall our-cpu our-server"
  read -r cw cc cs <<<"$2"; read -r jw jc js <<<"$3"
  printf '%-10s %8.2f %8.2f %7.1fx   %6.2f %6.2f   %6.2f %6.2f\n' "$1" "$cw" "$jw" "$(echo "$cw / $jw" | bc -l)" "$cc" "$jc" "$cs" "$js"
}
printf '%-10s %8s %8s %8s   %-13s   %-13s\n' "" "C wall" "our wall" speed-up "client CPU" "server CPU"
printf '%-10s %8s %8s %8s   %6s %6s   %6s %6s\n' step "(s)" "(s)" "" C ours C ours
line "vac $name" "$c_vac" "$j_vac"
line unvac "$c_unvac" "$j_unvac"
echo "C unvac of C vac:       $(same "$out/c")"
echo "our unvac of our vac:   $(same "$out/j")"
echo "C unvac of our vac:     $(same "$out/x")"
echo "symbolic links in the tree (vac skips them; plan9port stores them, its unvac skips them): $(find "$tree" -type l | wc -l)"
