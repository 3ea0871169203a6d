#!/usr/bin/env bash
# The end-to-end benchmark (docs/PERFORMANCE.md "End-to-end benchmark"; io.networkvisualizer.bench.Bench):
#   scripts/bench.sh [ingest] [analyze] [memory] [latency] [--name=value]...
# With no case it runs all four, then prints one summary table:
#   ingest   simulator (own process) -> loopback gRPC -> server (own process, full pipeline, one /ws/flows client):
#            a ramp of offered rates (103k, 108k, ... flows/s asked) stopping at the first loss; sustained flows/s, CPU,
#            flows lost, GC pauses
#   analyze  `network-visualizer analyze` over a generated ~1,000,000-flow jsonpb log (target/bench-analyze.jsonl,
#            1.6 GB, written once and reused, the same file as scripts/bench-analyze.sh)
#   memory   heap per retained flow with maxFlows 100,000 and 1,000,000 (jcmd GC.class_histogram, big ring - small)
#   latency  flow timestamp -> /ws/flows client receipt, p50/p99/max, at 1,000 and 10,000 flows/s
# Options (see Bench's javadoc): --warmup=30 (15 for latency) --window=30 --ramp=103000,5000,300000 --server-jvm=-Xmx1g --ingest-clients=1
#   --sim-buffer-per-node=4095
#   --analyze-runs=2 --memory-rate=50000 --latency-rates=1000,10000 --file=FLOWLOG
# Builds the jar (without the web UI) and the test classes first; SKIP_BUILD=1 reuses them, MVN_FLAGS adds Maven
# flags (e.g. -o). All four take 12-20 minutes (the ramp decides). Never part of CI: timings are not pass/fail.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/build-for-bench.sh
source scripts/build-for-bench.sh

file=target/bench-analyze.jsonl
cases=()
for a in "$@"; do
  case "$a" in
    ingest|analyze|memory|latency|all) cases+=("$a") ;;
    --file=*) file="${a#--file=}" ;;
  esac
done
wants_analyze=no
if [ ${#cases[@]} -eq 0 ] || [[ " ${cases[*]} " == *" analyze "* ]] || [[ " ${cases[*]} " == *" all "* ]]; then
  wants_analyze=yes
fi
if [ "$wants_analyze" = yes ] && [ ! -s "$file" ]; then
  echo "generating $file (about 1,000,000 flows, 1.6 GB; once)..." >&2
  java -cp "$CP" io.networkvisualizer.source.simulator.FlowDump "$file.tmp" 2000s --sim-rate=500 2>&1 \
    | grep -v ' INFO ' >&2 || true
  mv "$file.tmp" "$file"
fi
exec java -Xmx512m -cp "$CP" io.networkvisualizer.bench.Bench "$@"
