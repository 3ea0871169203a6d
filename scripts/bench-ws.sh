#!/usr/bin/env bash
# WebSocket fan-out load harness (LiveLoadHarness, see its javadoc and docs/PERFORMANCE.md "WebSocket fan-out"):
#   scripts/bench-ws.sh [--clients=1000] [--rate=100] [--warmup=10] [--duration=30] [--drain=3] [--read-pause-us=0]
#                       [--query=include=labels] [--jvm=-Xmx512m]... [--server-arg=--ws-queue-size=1024]...
# Builds the jar (without the web UI) and the test classes, starts the jar on a free port fed by the embedded
# simulated cluster, opens N /ws/flows clients plus one stalled client, and prints latency and loss.
# MVN_FLAGS adds Maven flags (e.g. -o); SKIP_BUILD=1 reuses what is built.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/build-for-bench.sh
source scripts/build-for-bench.sh
exec java -Xmx1g -cp "$CP" io.networkvisualizer.live.LiveLoadHarness "$@"
