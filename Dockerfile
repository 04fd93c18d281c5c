# syntax=docker/dockerfile:1
# Base images are pinned by digest (a tag can be re-pointed; a digest cannot). To update, pick the
# new tag's digest (`docker buildx imagetools inspect eclipse-temurin:<tag>`) and change both parts.
# The digests below were taken from public Dockerfiles pinning the same tags; no registry could be
# reached where they were written, so check them once with the command above (see SECURITY.md).
# Build stage: the Maven Wrapper builds the Payara Micro uber jar (tests run in CI, not here).
FROM eclipse-temurin:25-jdk@sha256:68868d04fa9cfd5f5c6abec0b5cef86d8de2bf9c62c37c7d3e4f0f80f5cfd7ff AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# Dependencies in their own layer; a failure here fails the build (nothing is hidden).
RUN ./mvnw -B -q dependency:go-offline -DskipTests
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests

# Runtime stage: a JRE of the major version CI tests on (CI takes the first JDK 21+ it finds:
# Temurin 25), a non-root user with a fixed numeric id (so runtimes that check runAsNonRoot can
# verify it without reading /etc/passwd) and a volume for the embedded H2 database.
FROM eclipse-temurin:25-jre@sha256:681c543d6f36c50f45e9b5226930a46203dcfa351d3670e9d0bdf0dabae53539
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 threadwork \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin threadwork \
    && mkdir -p /app/data && chown -R 10001:10001 /app/data
WORKDIR /app
# The jar belongs to root and is read-only for the app: only /app/data is writable.
COPY --from=build --chmod=0444 /src/target/threadwork.jar /app/threadwork.jar
USER 10001:10001
# All configuration comes from the environment (see config/threadwork.env.example).
ENV THREADWORK_PORT=8080 \
    THREADWORK_DB_URL=jdbc:h2:file:/app/data/threadwork
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${THREADWORK_PORT}/health/ready" || exit 1
# JVM flags on the command line, not in JAVA_TOOL_OPTIONS (which prints a "Picked up" line on every
# start): the heap may use 3/4 of the container's memory (set a memory limit: the idle heap is
# returned to the OS, see README "Performance"), and an OutOfMemoryError ends the process so that
# the orchestrator restarts it.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/threadwork.jar"]
