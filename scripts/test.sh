#!/usr/bin/env bash
# Runs every test: unit tests, the conformance suite over ../shared/fixtures/hubble (when present),
# and the end-to-end tests against the built jar.
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES="${HUBBLE_SAMPLES:-$(pwd)/../shared/fixtures/hubble}"
exec ./mvnw -B -ntp verify -Dhubble.samples="$SAMPLES"
