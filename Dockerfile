# syntax=docker/dockerfile:1
# Build stage: the Maven Wrapper builds the Payara Micro uber jar (tests run in CI, not here).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline -DskipTests || true
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests

# Runtime stage: a JRE, a non-root user and a volume for the embedded H2 database. The JRE is the
# major version CI tests on (CI takes the first JDK 21+ it finds: Temurin 25).
FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system threadwork && useradd --system --gid threadwork --home-dir /app threadwork \
    && mkdir -p /app/data && chown -R threadwork:threadwork /app
WORKDIR /app
COPY --from=build --chown=threadwork:threadwork /src/target/threadwork.jar /app/threadwork.jar
USER threadwork
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
