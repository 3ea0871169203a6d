#!/usr/bin/env bash
# Benchmarks of the Hubble client (see the javadoc of each class):
#   scripts/bench-hubble.sh mapper [JMH options...]   JMH: response bytes to Flow per flow (ProtoFlowMapperBenchmark):
#                                                     wireDecode (FlowWireDecoder, the client's path), decodeAndMap
#                                                     (generated parser + ProtoFlowMapper, the old path), decodeOnly,
#                                                     mapOnly; e.g. mapper -e 'decodeOnly|mapOnly' -prof gc
#   scripts/bench-hubble.sh ingest [N]                flows/s from a loopback gRPC server into a FlowStore
#                                                     (HubbleIngestBenchmark, default N = 2000000)
# HUBBLE_SAMPLES names the real samples folder (default ../shared/fixtures/hubble); MVN_FLAGS adds Maven flags (-o).
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES="${HUBBLE_SAMPLES:-$(pwd)/../shared/fixtures/hubble}"
./mvnw -B -q ${MVN_FLAGS:-} test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
what="${1:-}"
shift || true
case "$what" in
  mapper) exec java -Dhubble.samples="$SAMPLES" -cp "$CP" org.openjdk.jmh.Main ProtoFlowMapperBenchmark "$@" ;;
  ingest) exec java -Xmx1g -cp "$CP" io.networkvisualizer.source.hubble.HubbleIngestBenchmark "$@" ;;
  *) echo "usage: $0 mapper [JMH options...] | ingest [N]" >&2; exit 2 ;;
esac
