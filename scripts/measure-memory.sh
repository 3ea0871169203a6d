#!/usr/bin/env bash
# Measures the server's memory as deployed (MemoryFootprint): the 10,000-flow ring, the graph engine, the WebSocket
# hub with a client, telemetry and the HTTP API, fed re-timed real Hubble flows while the API is read every second.
#   scripts/measure-memory.sh [seconds=180] [flows/s=500] [pods per workload=10] [maxFlows=10000]
# JAVA_OPTS sets the JVM flags (default -Xmx384m: the heap -XX:MaxRAMPercentage=75 gives in a 512 MiB container).
# HUBBLE_SAMPLES names the samples folder (default ../shared/fixtures/hubble); MVN_ARGS e.g. -o.
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES="${HUBBLE_SAMPLES:-$(pwd)/../shared/fixtures/hubble}"
if [ ! -d "$SAMPLES" ]; then
  echo "real Hubble samples not found at $SAMPLES: set HUBBLE_SAMPLES" >&2
  exit 2
fi
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_ARGS:-} test-compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/measure-memory.classpath
CP="target/test-classes:target/classes:$(cat target/measure-memory.classpath)"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx384m} -Dhubble.samples="$SAMPLES" -cp "$CP" \
  io.networkvisualizer.telemetry.MemoryFootprint "$@"
