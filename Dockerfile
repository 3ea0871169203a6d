# syntax=docker/dockerfile:1
# The network-visualizer container image (docs/DEPLOYING.md):
#   docker build -t ghcr.io/network-visualizer/network-visualizer:0.1.0 .
#   docker run --rm -p 8080:8080 ghcr.io/network-visualizer/network-visualizer:0.1.0        # simulated cluster
#   docker run --rm -p 8080:8080 -e HUBBLE_ADDR=host.docker.internal:4245 ghcr.io/...       # a port-forwarded Relay
# Built with JDK 17 and Node 22 (Maven builds the web UI through npm), run on JRE 17 as a non-root user.

# Node 22 and npm (the web build's tools need Node 22), copied into the build stage below.
FROM node:22-bookworm-slim AS node

FROM eclipse-temurin:17-jdk AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
WORKDIR /src
COPY . .
# The caches keep Maven's and npm's downloads between builds. Tests run in CI, not in the image build.
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    ./mvnw -B -q -DskipTests package \
 && cp target/network-visualizer.jar /network-visualizer.jar

FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="network-visualizer" \
      org.opencontainers.image.description="Live Kubernetes network flow visualization from Cilium Hubble" \
      org.opencontainers.image.source="https://github.com/network-visualizer/network-visualizer" \
      org.opencontainers.image.licenses="Apache-2.0"
# A fixed numeric user, so that Kubernetes' runAsNonRoot can check it (deploy/manifests/deployment.yaml runs 10001).
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
# Owned by root and read-only to the app: the container may run with a read-only root filesystem (/tmp writable).
COPY --from=build /network-visualizer.jar /app/network-visualizer.jar
USER 10001:10001
ENV LANG=C.UTF-8
EXPOSE 8080
# The heap follows the container's memory limit (75% of it); out of memory ends the process so Kubernetes restarts
# it rather than leaving it half alive. More JVM flags: the JAVA_TOOL_OPTIONS environment variable. Settings: flags
# after the image name, or environment variables (docs/CONFIGURATION.md).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=/tmp", "-jar", "/app/network-visualizer.jar"]
