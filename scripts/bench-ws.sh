#!/usr/bin/env bash
# WebSocket fan-out load harness (LiveLoadHarness, see its javadoc and docs/PERFORMANCE.md "WebSocket fan-out"):
#   scripts/bench-ws.sh [--clients=1000] [--rate=100] [--warmup=10] [--duration=30] [--drain=3]
#                       [--jvm=-Xmx512m]... [--server-arg=--ws-queue-size=1024]...
# Builds the jar (without the web UI) and the test classes, starts the jar on a free port fed by the embedded
# simulated cluster, opens N /ws/flows clients plus one stalled client, and prints latency and loss.
# MVN_FLAGS adds Maven flags (e.g. -o); SKIP_BUILD=1 reuses what is built.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  # -DskipWeb leaves no web UI, and the server refuses to start without a /public folder: give it a placeholder
  # page unless a web build is already there.
  if [ ! -f target/classes/public/index.html ]; then
    mkdir -p target/classes/public
    echo '<!doctype html><title>web UI not built</title><p>Built by scripts/bench-ws.sh with -DskipWeb.' \
      > target/classes/public/index.html
  fi
  ./mvnw -B -q ${MVN_FLAGS:-} -DskipWeb -DskipTests package \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
fi
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
exec java -Xmx1g -cp "$CP" io.networkvisualizer.live.LiveLoadHarness "$@"
