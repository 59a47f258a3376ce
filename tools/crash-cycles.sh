#!/usr/bin/env bash
# Publishes with acks, kill -9s nwb-server at random moments, restarts it, and checks that every
# acknowledged message is stored exactly once: the CI test with many more cycles.
#   tools/crash-cycles.sh [cycles=1000] [server binary=build/app/server/nwb-server]
# A failure prints the seed; NWB_CRASH_SEED=<seed> tools/crash-cycles.sh replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=${1:-1000}
server=${2:-${BUILD_DIR:-build}/app/server/nwb-server}
test_binary=${BUILD_DIR:-build}/tests/integration/jetstream/integration_jetstream_server
[ -x "$test_binary" ] || { echo "build first: make test (or cmake --build build)" >&2; exit 1; }
# Qt Test stops a test function after 5 minutes by default; 1,000 cycles take longer.
QTEST_FUNCTION_TIMEOUT=86400000 NWB_TEST_SERVER=$(realpath "$server") NWB_CRASH_CYCLES=$cycles \
    "$test_binary" killDuringAsyncPublishKeepsEveryAckedMessage -maxwarnings 0
