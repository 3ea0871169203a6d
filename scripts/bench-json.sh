#!/usr/bin/env bash
# JMH: the live stream's JSON serialization per flow (FlowJsonBenchmark, api/FlowJson over the real samples):
#   scripts/bench-json.sh [JMH args]      (default: -prof gc, bytes allocated per flow beside the rate)
# HUBBLE_SAMPLES names the samples folder (default ../shared/fixtures/hubble); MVN_ARGS e.g. -o.
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES="${HUBBLE_SAMPLES:-$(pwd)/../shared/fixtures/hubble}"
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_ARGS:-} -DskipWeb test-compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-json.classpath
CP="target/test-classes:target/classes:$(cat target/bench-json.classpath)"
[ $# -eq 0 ] && set -- -prof gc
exec java -Dhubble.samples="$SAMPLES" -cp "$CP" org.openjdk.jmh.Main 'io.networkvisualizer.api.FlowJsonBenchmark' "$@"
