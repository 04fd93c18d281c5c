# syntax=docker/dockerfile:1
# Build stage: the Maven Wrapper builds the Payara Micro uber jar (tests run in CI, not here).
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline -DskipTests || true
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests

# Runtime stage: a JRE, a non-root user and a volume for the embedded H2 database.
FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system threadwork && useradd --system --gid threadwork --home-dir /app threadwork \
    && mkdir -p /app/data && chown -R threadwork:threadwork /app
WORKDIR /app
COPY --from=build --chown=threadwork:threadwork /src/target/threadwork.jar /app/threadwork.jar
USER threadwork
# All configuration comes from the environment (see config/threadwork.env.example).
ENV THREADWORK_PORT=8080 \
    THREADWORK_DB_URL=jdbc:h2:file:/app/data/threadwork \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${THREADWORK_PORT}/health/ready" || exit 1
ENTRYPOINT ["java", "-jar", "/app/threadwork.jar"]
