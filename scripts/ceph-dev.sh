#!/usr/bin/env bash
# A one-node Ceph cluster for development and CI: one monitor and one OSD on 127.0.0.1, cephx
# keys, and a pool "venti" with one replica, all state under DIR.
#
#   scripts/ceph-dev.sh start DIR   # prints "export CEPH_CONF=DIR/ceph.conf" on stdout
#   scripts/ceph-dev.sh stop DIR    # stops the daemons by their pid files
#   scripts/ceph-dev.sh stop DIR osd  # stops only the OSD (an unreachable cluster); start restarts it
#
# Needs the Debian packages ceph-mon, ceph-osd and ceph-common (release 16.2). There is no
# ceph-mgr, which the OSD does not need to serve I/O; its bluestore file is a 30 GiB sparse
# file (8 GiB filled up under a benchmark) and its memory target 1 GiB. The monitor listens on CEPH_DEV_PORT, by default the first free port
# from 3300 (so several clusters can run side by side); the OSD takes a free one from 6800.
set -euo pipefail

usage() {
    echo "usage: $0 start DIR | stop DIR [osd]" >&2
    exit 2
}

case "$#:${1:-}:${3:-}" in
    2:start: | 2:stop: | 3:stop:osd) ;;
    *) usage ;;
esac
cmd=$1
[ "$cmd" = stop ] || mkdir -p "$2"
dir=$(cd "$2" && pwd)
conf=$dir/ceph.conf

log() {
    echo "ceph-dev: $*" >&2
}

ceph_cli() {
    timeout 60 ceph -c "$conf" "$@"
}

free_port() {
    local p
    for p in $(seq 3300 3399); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    log "no free port in 3300-3399"
    exit 1
}

write_conf() {
    local port=${CEPH_DEV_PORT:-$(free_port)}
    cat > "$conf" <<EOF
[global]
fsid = $(uuidgen)
mon host = v2:127.0.0.1:$port
public addr = 127.0.0.1
cluster addr = 127.0.0.1
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
run dir = $dir/run
pid file = $dir/run/\$name.pid
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
mon data = $dir/mon
osd data = $dir/osd
osd pool default size = 1
osd pool default min size = 1
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
osd objectstore = bluestore
bluestore block size = $((30 << 30))
osd memory target = $((1 << 30))

[mon]
keyring = $dir/mon/keyring

[osd]
keyring = $dir/osd/keyring

[client]
keyring = $dir/keyring
EOF
}

running() {
    [ -e "$dir/run/$1.pid" ] && kill -0 "$(cat "$dir/run/$1.pid")" 2>/dev/null
}

start() {
    for tool in ceph-mon ceph-osd ceph-authtool monmaptool ceph; do
        command -v $tool >/dev/null || { log "$tool not found: apt-get install ceph-mon ceph-osd ceph-common"; exit 1; }
    done
    local t0=$SECONDS
    if [ ! -e "$dir/ceph-dev.made" ]; then
        rm -rf "$dir/mon" "$dir/osd" "$dir/run" "$dir/log"
        mkdir -p "$dir/mon" "$dir/osd" "$dir/run" "$dir/log"
        write_conf
        local fsid
        fsid=$(sed -n 's/^fsid = //p' "$conf")
        ceph-authtool --create-keyring "$dir/keyring" --gen-key -n client.admin \
            --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' >/dev/null
        ceph-authtool --create-keyring "$dir/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
        ceph-authtool "$dir/mon.keyring" --import-keyring "$dir/keyring" >/dev/null
        monmaptool --create --addv a "[$(sed -n 's/^mon host = //p' "$conf")]" --fsid "$fsid" "$dir/monmap" >/dev/null
        ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" --keyring "$dir/mon.keyring"
        daemons mon
        local uuid key
        uuid=$(uuidgen)
        key=$(ceph-authtool --gen-print-key)
        printf '{"cephx_secret": "%s"}\n' "$key" > "$dir/osd/secret.json"
        ceph_cli osd new "$uuid" -i "$dir/osd/secret.json" >/dev/null
        ceph-osd -c "$conf" -i 0 --mkfs --key "$key" --osd-uuid "$uuid" 2>>"$dir/log/daemons.log"
        printf '[osd.0]\n\tkey = %s\n' "$key" > "$dir/osd/keyring"
        daemons osd
        ceph_cli osd pool create venti 32 >/dev/null 2>&1
        ceph_cli osd pool application enable venti rados >/dev/null 2>&1
        touch "$dir/ceph-dev.made"
    else
        running mon.a || daemons mon
        running osd.0 || daemons osd
    fi
    wait_up
    log "cluster up in $((SECONDS - t0)) s (state in $dir)"
    echo "export CEPH_CONF=$conf"
}

# Starts the monitor (mon) or the OSD (osd); it detaches itself and writes its pid file.
daemons() {
    case $1 in
        mon) ceph-mon -c "$conf" -i a 2>>"$dir/log/daemons.log" ;;
        osd) ceph-osd -c "$conf" -i 0 2>>"$dir/log/daemons.log" ;;
    esac
}

# Waits until the OSD is up and a write to the pool is acknowledged.
wait_up() {
    local i
    for i in $(seq 1 120); do
        if timeout 10 rados -c "$conf" -p venti put ceph-dev.probe "$conf" 2>/dev/null; then
            return
        fi
        sleep 0.5
    done
    log "the cluster did not come up in 60 s; see $dir/log"
    exit 1
}

stop_daemon() {
    local name=$1 pidfile=$dir/run/$1.pid pid i
    [ -e "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
        for i in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "$name (pid $pid) did not stop in 10 s; killing it"
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$pidfile"
}

stop() {
    stop_daemon osd.0
    if [ "${1:-}" = osd ]; then
        log "stopped the OSD in $dir"
        return
    fi
    stop_daemon mon.a
    log "stopped the cluster in $dir"
}

case $cmd in
    start) start ;;
    stop) stop "${3:-}" ;;
    *) usage ;;
esac
