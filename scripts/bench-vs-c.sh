#!/usr/bin/env bash
# Side-by-side benchmark of this Venti server and plan9port's C venti on identical stores.
#
#   scripts/bench-vs-c.sh PLAN9_DIR [PASS_SIZE] [OFFLINE_ENTRIES]
#
# PLAN9_DIR is a built plan9port checkout (git clone https://github.com/9fans/plan9port;
# cd plan9port; ./INSTALL); this script neither fetches nor builds it. PASS_SIZE (default
# 512m) is the bytes each load pass moves; OFFLINE_ENTRIES (default 1000000) the number of
# 100-byte blocks the store for the offline tools holds (0 skips that part).
#
# Both stores are formatted with the C tools (fmtarenas, fmtisect, fmtbloom, fmtindex) with
# the same venti.conf (mem 64m, bcmem 64m, icmem 128m). The load is `venti randtest` (8 KiB
# blocks, 4 requests in flight): a unique write pass, the same blocks again (duplicate), and
# a read pass that checks every byte; the ceiling is the same write pass against `venti
# devnull`, which stores nothing, and the three passes against an in-memory store behind the
# same protocol server (venti.bench.MemoryServer, built into venti-bench's benchmarks.jar),
# with their ratio to C. Servers run one at a time, each after the kernel has written back
# what the one before wrote, and each is first warmed up with a quarter of the load in other
# blocks (written and read back), as a server that has run for a while is: the JVM's first
# pass otherwise spends 1.4 CPU s of the two cores compiling. Then buildindex -b and
# checkindex of both implementations run on one store filled with OFFLINE_ENTRIES blocks,
# with elapsed time and peak RSS, and `./venti --version` is timed for JVM start.
# Everything lives in a temporary directory that is deleted at the end; servers are stopped
# by process id.
set -eu

usage() {
  echo "usage: $0 PLAN9_DIR [PASS_SIZE] [OFFLINE_ENTRIES]" >&2
  exit 2
}
[ $# -ge 1 ] || usage
p9=$(cd "$1" && pwd)
size=${2:-512m}
entries=${3:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
venti="$root/venti"
cbin="$p9/bin/venti"
for t in venti fmtarenas fmtisect fmtbloom fmtindex buildindex checkindex; do
  [ -x "$cbin/$t" ] || { echo "$0: $cbin/$t missing: build plan9port with ./INSTALL in $p9" >&2; exit 1; }
done
export PLAN9="$p9"
bytes=$(numfmt --from=iec "${size^^}")

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-vs-c.XXXXXX")
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# start NAME PORT COMMAND...: runs the server in the background and waits until it accepts.
start() {
  local name=$1 port=$2
  shift 2
  "$@" >"$work/$name.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; echo "$0: $name did not start" >&2; exit 1; }
    sleep 0.1
  done
  echo "$0: $name did not listen on port $port within 60 s" >&2
  exit 1
}

stop() {
  kill "$pid"
  wait "$pid" || true
  pid=
}

# mkstore DIR ARENAS ISECT BLOOM: a store formatted by the C tools.
mkstore() {
  local d=$1
  mkdir -p "$d"
  truncate -s "$2" "$d/arenas"
  truncate -s "$3" "$d/isect"
  truncate -s "$4" "$d/bloom"
  printf 'index main\narenas %s\nisect %s\nbloom %s\nmem 64m\nbcmem 64m\nicmem 128m\n' \
    "$d/arenas" "$d/isect" "$d/bloom" >"$d/venti.conf"
  "$cbin/fmtarenas" arenas "$d/arenas" >/dev/null 2>&1
  "$cbin/fmtisect" isect "$d/isect" >/dev/null 2>&1
  "$cbin/fmtbloom" "$d/bloom" >/dev/null 2>&1
  "$cbin/fmtindex" "$d/venti.conf" >/dev/null 2>&1
}

# warmup PORT [-w]: a quarter of a pass's blocks, of another seed, written and read back (or
# only written), untimed.
warmup() {
  "$venti" randtest -q -h "tcp!127.0.0.1!$1" -b 8192 -n $((bytes / 4)) -m 4 -s 1 "${@:2}" >/dev/null
}

# rate PORT ARGS...: one randtest pass; prints its MB/s.
rate() {
  local port=$1
  shift
  "$venti" randtest -q -h "tcp!127.0.0.1!$port" -b 8192 -n "$bytes" -m 4 "$@" |
    awk '/MB\/s/ { for (i = 1; i <= NF; i++) if ($(i) ~ /^MB\/s/) printf "%.1f\n", $(i - 1) }'
}

# settle: lets the kernel finish writing back what earlier passes wrote, so that no server's
# passes share the CPU with the write-back of another's.
settle() {
  sync
  sleep 2
}

# quiesce HTTPPORT METHOD: the server last started ($pid) writes back its index entries now
# (/flushicache, which both servers answer once done), then finishes what else it does in the
# background (sealing and scoring an arena): the next pass waits until the server has used no
# CPU for 2 s, so that it measures that pass alone, not the write-back of the one before.
quiesce() {
  curl -sf -X "$2" "http://127.0.0.1:$1/flushicache" >/dev/null || echo "$0: /flushicache failed" >&2
  local last=-1 now still=0
  for _ in $(seq 240); do
    now=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    if [ "$now" -le $((last + 1)) ]; then
      still=$((still + 1))
      [ "$still" -lt 4 ] || break
    else
      still=0
    fi
    last=$now
    sleep 0.5
  done
  settle
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'
}

"$venti" --version >/dev/null # builds the jar if needed, outside any timing
benchjar="$root/venti-bench/target/benchmarks.jar"
if [ ! -f "$benchjar" ] || [ -n "$(find "$root"/venti-*/src/main -newer "$benchjar" -print -quit)" ]; then
  "$root/mvnw" -q -B -o -pl venti-bench -am package -DskipTests -Dasciidoctor.skip -Dmaven.javadoc.skip
fi
JAVA_HOME=$(. "$root/scripts/find-jdk.sh" && venti_find_jdk)
arenasize=$(( bytes * 3 > (4 << 30) ? bytes * 3 : (4 << 30) ))

# The load.
declare -A r
for impl in c ours; do
  mkstore "$work/$impl" "$arenasize" 512m 64m
  settle
  port=$(free_port)
  http=$(free_port)
  if [ "$impl" = c ]; then
    start "$impl" "$port" "$cbin/venti" -s -c "$work/$impl/venti.conf" -a "tcp!127.0.0.1!$port" -h "tcp!127.0.0.1!$http"
    flush=GET
  else
    start "$impl" "$port" "$venti" server -c "$work/$impl/venti.conf" -a "tcp!127.0.0.1!$port" -h "127.0.0.1:$http"
    flush=POST
  fi
  warmup "$port"
  quiesce "$http" "$flush"
  r[$impl.unique]=$(rate "$port" -w)
  quiesce "$http" "$flush"
  r[$impl.dup]=$(rate "$port" -w)
  quiesce "$http" "$flush"
  r[$impl.read]=$(rate "$port" -r)
  stop
  rm -rf "${work:?}/$impl"
done
settle
port=$(free_port)
start devnull "$port" "$venti" devnull -a "tcp!127.0.0.1!$port"
warmup "$port" -w
r[devnull]=$(rate "$port" -w)
stop
# The same passes against a store that is a hash map in memory, behind the same protocol
# server: what any store reaches with this load generator on this machine.
settle
port=$(free_port)
start memory "$port" "$JAVA_HOME/bin/java" -Xmx$(( bytes * 3 / 1048576 + 512 ))m -cp "$benchjar" venti.bench.MemoryServer \
  "127.0.0.1:$port"
warmup "$port"
r[mem.unique]=$(rate "$port" -w)
r[mem.dup]=$(rate "$port" -w)
r[mem.read]=$(rate "$port" -r)
stop
# ... and one that also checks the SHA-1 of every block it returns, as a store of ours must.
settle
port=$(free_port)
start memory "$port" "$JAVA_HOME/bin/java" -Xmx$(( bytes * 3 / 1048576 + 512 ))m -cp "$benchjar" venti.bench.MemoryServer \
  "127.0.0.1:$port" --verify-reads
warmup "$port"
rate "$port" -w >/dev/null
r[mem.vread]=$(rate "$port" -r)
stop

echo "load: venti randtest -b 8192 -n $size -m 4, stores formatted by C fmt tools (mem 64m, bcmem 64m, icmem 128m)"
printf '%-38s %10s %10s %8s\n' "" "C venti" "ours" "ours/C"
printf '%-38s %10s %10s %8s\n' "unique write MB/s" "${r[c.unique]}" "${r[ours.unique]}" "$(ratio "${r[ours.unique]}" "${r[c.unique]}")"
printf '%-38s %10s %10s %8s\n' "duplicate write MB/s" "${r[c.dup]}" "${r[ours.dup]}" "$(ratio "${r[ours.dup]}" "${r[c.dup]}")"
printf '%-38s %10s %10s %8s\n' "read MB/s" "${r[c.read]}" "${r[ours.read]}" "$(ratio "${r[ours.read]}" "${r[c.read]}")"
printf '%-38s %10s %10s %8s\n' "ceiling: venti devnull, write MB/s" "" "${r[devnull]}" ""
printf '%-38s %10s %10s %8s\n' "unique write / ceiling" "" "" "$(ratio "${r[ours.unique]}" "${r[devnull]}")"
printf '%-38s %10s %10s %8s\n' "in-memory store: unique write MB/s" "" "${r[mem.unique]}" "$(ratio "${r[mem.unique]}" "${r[c.unique]}")"
printf '%-38s %10s %10s %8s\n' "in-memory store: duplicate write MB/s" "" "${r[mem.dup]}" "$(ratio "${r[mem.dup]}" "${r[c.dup]}")"
printf '%-38s %10s %10s %8s\n' "in-memory store: read MB/s" "" "${r[mem.read]}" "$(ratio "${r[mem.read]}" "${r[c.read]}")"
printf '%-38s %10s %10s %8s\n' "  the same, verifying reads: read MB/s" "" "${r[mem.vread]}" "$(ratio "${r[mem.vread]}" "${r[c.read]}")"

# The offline tools.
if [ "$entries" -gt 0 ]; then
  d="$work/offline"
  mkstore "$d" $(( entries * 200 + (512 << 20) )) $(( entries * 100 + (128 << 20) )) 64m
  port=$(free_port)
  start offline "$port" "$venti" server -c "$d/venti.conf" -a "tcp!127.0.0.1!$port"
  "$venti" randtest -q -h "tcp!127.0.0.1!$port" -b 100 -M "$entries" -n $(( entries * 100 )) -m 32 -w >/dev/null
  stop
  # The C checkindex sorts the entries in this scratch partition.
  truncate -s $(( entries * 64 + (64 << 20) )) "$work/tmp"
  # timed NAME COMMAND...: appends the seconds and peak RSS in MB to $work/NAME.runs; stops
  # the run if the tool fails. Every run starts with the store's files in the page cache: the
  # C tools read and write them with O_DIRECT, which leaves them out of it for a run after them.
  timed() {
    local name=$1
    shift
    cat "$d/arenas" "$d/isect" "$d/bloom" >/dev/null
    settle
    if ! /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/$name.out" 2>&1; then
      cat "$work/$name.out" >&2
      echo "$0: $name failed" >&2
      exit 1
    fi
    awk '{ printf "%s %d\n", $1, $2 / 1024 }' "$work/time" >>"$work/$name.runs"
  }
  # median NAME: sets NAME_s and NAME_mb from the run of median time
  median() {
    read -r "${1}_s" "${1}_mb" < <(sort -n "$work/$1.runs" | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }')
  }
  # Three runs of each, in turn; the first of ours after a build also writes its class archive.
  for _ in 1 2 3; do
    timed cb "$cbin/buildindex" -b "$d/venti.conf"
    timed ob "$venti" buildindex -b "$d/venti.conf"
    timed cc "$cbin/checkindex" "$d/venti.conf" "$work/tmp"
    timed oc "$venti" checkindex "$d/venti.conf" "$work/tmp"
  done
  for t in cb ob cc oc; do median "$t"; done
  echo
  echo "offline tools on $entries index entries (100-byte blocks); median of 3 runs: seconds / peak RSS MB"
  printf '%-38s %14s %14s %8s\n' "" "C" "ours" "ours/C"
  printf '%-38s %14s %14s %8s\n' "buildindex -b" "$cb_s s ${cb_mb} MB" "$ob_s s ${ob_mb} MB" "$(ratio "$ob_s" "$cb_s")"
  printf '%-38s %14s %14s %8s\n' "checkindex" "$cc_s s ${cc_mb} MB" "$oc_s s ${oc_mb} MB" "$(ratio "$oc_s" "$cc_s")"
fi

# JVM start: the best of five.
best=
for _ in 1 2 3 4 5; do
  s=$(date +%s.%N)
  "$venti" --version >/dev/null
  e=$(date +%s.%N)
  best=$(awk -v s="$s" -v e="$e" -v b="$best" 'BEGIN { t = e - s; printf "%.3f", (b == "" || t < b ? t : b) }')
done
echo
echo "./venti --version: $best s (best of 5)"
