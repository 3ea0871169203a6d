#!/usr/bin/env bash
# Benchmarks of the Hubble flow log source (package io.networkvisualizer.source.file):
#   scripts/bench-file.sh jmh         JsonpbFlowReaderBenchmark (JMH): one jsonpb line -> one Flow, lines/s
#   scripts/bench-file.sh throughput  FileSourceBenchmark: a generated 1,000,000-line jsonpb file -> FileSource.readAll
#                                     -> FlowStore, flows/s and MB/s
#   scripts/bench-file.sh             both
# Both read the real Hubble samples: HUBBLE_SAMPLES (default ../shared/fixtures/hubble beside the project).
# Options: JMH_ARGS (extra JMH options, e.g. "-wi 1 -i 3"), BENCH_LINES (lines to generate), MVN_ARGS (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES="${HUBBLE_SAMPLES:-$(pwd)/../shared/fixtures/hubble}"
WHAT="${1:-all}"
if [ ! -d "$SAMPLES" ]; then
  echo "real Hubble samples not found at $SAMPLES: set HUBBLE_SAMPLES" >&2
  exit 2
fi
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_ARGS:-} test-compile
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_ARGS:-} org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-file.classpath
CP="target/test-classes:target/classes:$(cat target/bench-file.classpath)"

if [ "$WHAT" = all ] || [ "$WHAT" = jmh ]; then
  # shellcheck disable=SC2086
  java -cp "$CP" org.openjdk.jmh.Main 'io.networkvisualizer.source.file.JsonpbFlowReaderBenchmark' \
    -jvmArgsAppend "-Xms1g -Xmx1g -Dhubble.samples=$SAMPLES" ${JMH_ARGS:-}
fi
if [ "$WHAT" = all ] || [ "$WHAT" = throughput ]; then
  java -Xms2g -Xmx2g -Dhubble.samples="$SAMPLES" -Dbench.lines="${BENCH_LINES:-1000000}" -cp "$CP" \
    io.networkvisualizer.source.file.FileSourceBenchmark
fi
