#!/usr/bin/env bash
# A second client for the issue #3 comparison: nats.go instead of libnats.
# Builds tools/crosscheck/gobench.go offline (Debian's nats.go, GOPATH mode), starts nwb-server
# and nats-server on fixed ports, and runs ROUNDS alternating rounds of a 1:1 pub/sub run and a
# closed-loop request run against each. Prints one line per round and server.
#   tools/crosscheck/run.sh [path/to/nwb-server] [rounds]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
nwb=${1:-$here/../../build/app/server/nwb-server}
rounds=${2:-5}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
GO111MODULE=off GOFLAGS= GOENV=off CGO_ENABLED=0 GOPATH=/usr/share/gocode GOCACHE="$work/cache" \
    go build -o "$work/gobench" "$here/gobench.go"
"$nwb" -a 127.0.0.1 -p 14301 >/dev/null 2>&1 &
nats-server -a 127.0.0.1 -p 14302 >/dev/null 2>&1 &
for port in 14301 14302; do
    for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
done
for round in $(seq "$rounds"); do
    for server in nwb:14301 ref:14302; do
        url=nats://127.0.0.1:${server#*:}
        echo "round $round ${server%%:*}: $("$work/gobench" -url "$url" -mode pubsub -n 2000000)," \
             "$("$work/gobench" -url "$url" -mode req -n 20000)"
    done
done
