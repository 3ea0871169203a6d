#!/usr/bin/env bash
# Sourced by the scripts that run the built jar and test-scope harnesses (bench.sh, bench-ws.sh): builds the jar
# without the web UI and the test classes, and writes the test classpath to target/test-classpath.txt; sets CP.
# SKIP_BUILD=1 reuses what is built; MVN_FLAGS adds Maven flags (e.g. -o).
if [ -z "${SKIP_BUILD:-}" ]; then
  # -DskipWeb leaves no web UI, and the server refuses to start without a /public folder: give it a placeholder
  # page unless a web build is already there.
  if [ ! -f target/classes/public/index.html ]; then
    mkdir -p target/classes/public
    echo '<!doctype html><title>web UI not built</title><p>Built by a benchmark script with -DskipWeb.' \
      > target/classes/public/index.html
  fi
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MVN_FLAGS:-} -DskipWeb -DskipTests package \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
fi
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
