#!/bin/sh
# Runs the nats.js interop tests against the server in NWB_TEST_SERVER; exit 77 (CTest skip) without node/npm.
set -eu

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: '$tool' not found; the nats.js interop tests need node >= 20 and npm" >&2
        exit 77
    fi
done
cd "$(dirname "$0")"

# --install-only: just make node_modules match package-lock.json (the CTest fixture uses this).
install_only=0
if [ "${1:-}" = "--install-only" ]; then
    install_only=1
    shift
fi

stamp=node_modules/.package-lock.json # written by npm after every install
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
    log=$(mktemp)
    if ! npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "npm ci failed" >&2
        exit 1
    fi
    rm -f "$log"
fi
[ "$install_only" -eq 1 ] && exit 0

if [ -z "${NWB_TEST_SERVER:-}" ]; then
    echo "NWB_TEST_SERVER must name the server binary to test" >&2
    exit 2
fi
if [ "$#" -eq 0 ]; then
    set -- *.test.mjs
fi
exec node --test --test-reporter=spec "$@"
