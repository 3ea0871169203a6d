#!/usr/bin/env bash
# Measures the metrics stage: heap per edge, then the cost per flow of EdgeMetrics.onFlow and of a graph snapshot
# (JMH). Extra arguments go to JMH, e.g. scripts/bench-metrics.sh -wi 2 -i 3 (see EdgeMetricsBenchmark's javadoc).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
java -Xmx1g -cp "$CP" io.networkvisualizer.metrics.EdgeMetricsBenchmark memory
exec java -cp "$CP" org.openjdk.jmh.Main 'io.networkvisualizer.metrics.EdgeMetricsBenchmark' "$@"
