#!/usr/bin/env bash
# Benchmarks of the offline analyzer and the anomaly engine:
#   scripts/bench-analyze.sh throughput  `network-visualizer analyze` over a generated 1,000,000-flow jsonpb file:
#                                        one cold run of the command as a user runs it (flows/s from its summary
#                                        line), then AnalyzerBenchmark: each stage (read only, + metrics, + anomaly
#                                        engine, whole command) in one JVM, three rounds, flows/s of wall and CPU time
#   scripts/bench-analyze.sh jmh [ARGS]  AnomalyEngineBenchmark (JMH): the anomaly engine's cost per flow
#   scripts/bench-analyze.sh             both
# The flow log is the simulated cluster's (FlowDump: 500 flows/s for 2000 s of simulated time, anomalies and
# measured bytes on, about 1.6 GB), written once to target/bench-analyze.jsonl and reused.
# Wall-clock figures depend on what else the machine runs; the CPU-time ones much less.
# Options: BENCH_FILE (another flow log), MVN_ARGS (e.g. -o), JMH args after "jmh".
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT="${1:-all}"
[ $# -gt 0 ] && shift
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_ARGS:-} test-compile
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_ARGS:-} org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"

if [ "$WHAT" = all ] || [ "$WHAT" = throughput ]; then
  FILE="${BENCH_FILE:-target/bench-analyze.jsonl}"
  if [ ! -s "$FILE" ]; then
    echo "generating $FILE (about 1,000,000 flows)..." >&2
    java -cp "$CP" io.networkvisualizer.source.simulator.FlowDump "$FILE.tmp" 2000s --sim-rate=500 2>&1 \
      | grep -v ' INFO ' >&2
    mv "$FILE.tmp" "$FILE"
  fi
  echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== one cold run: network-visualizer analyze $FILE > /dev/null"
  /usr/bin/time -f "   %e s wall, %U s user, %S s sys, %M KB max RSS" \
    java -cp "$CP" io.networkvisualizer.Main analyze "$FILE" 2>&1 >/dev/null | grep -v ' INFO '
  echo "== stages, warmed up (AnalyzerBenchmark)"
  java -Xms2g -Xmx2g -cp "$CP" io.networkvisualizer.AnalyzerBenchmark "$FILE" 2>&1 | grep -v ' INFO '
fi
if [ "$WHAT" = all ] || [ "$WHAT" = jmh ]; then
  java -cp "$CP" org.openjdk.jmh.Main 'io.networkvisualizer.anomaly.AnomalyEngineBenchmark' "$@"
fi
