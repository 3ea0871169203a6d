#!/usr/bin/env bash
# Runs every test: Java unit tests, the conformance suite over ../shared/fixtures/hubble (when present), Vitest,
# and the end-to-end tests (the built jar over HTTP and WebSocket, the web UI in headless Chromium).
# Installs what the machine lacks first (Debian's chromium for the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prereqs.sh
SAMPLES="${HUBBLE_SAMPLES:-$(pwd)/../shared/fixtures/hubble}"
exec ./mvnw -B -ntp verify -Dhubble.samples="$SAMPLES"
