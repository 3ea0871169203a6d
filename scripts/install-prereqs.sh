#!/usr/bin/env bash
# Installs what the tests need beyond JDK 17+ and Node 20+: Debian's chromium for the browser tests.
# Idempotent; does nothing when everything is present.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing: install Debian's 'chromium' package (apt-get install -y chromium)" >&2
    exit 1
  fi
fi
