package dev.threadwork.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/threadwork.jar}) as a real child process, with its own
 * working directory (and so its own H2 database) and nothing but the environment given here.
 */
public final class AppProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5); // Payara on a busy 2-core CI box

    private final Map<String, String> env;
    private final Path workDir;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    public AppProcess(Map<String, String> env, Path workDir) {
        this.workDir = workDir;
        this.port = env.containsKey("THREADWORK_PORT") ? Integer.parseInt(env.get("THREADWORK_PORT")) : freePort();
        this.env = new HashMap<>(env);
        this.env.putIfAbsent("THREADWORK_PORT", Integer.toString(port));
        this.log = workDir.resolve("threadwork-" + System.nanoTime() + ".log");
    }

    /** A complete, valid configuration pointing at the given fakes. */
    public static Map<String, String> validEnv(String slackApiUrl, String anthropicBaseUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", TestSecrets.BOT_TOKEN);
        env.put("SLACK_SIGNING_SECRET", TestSecrets.SIGNING_SECRET);
        env.put("SLACK_API_URL", slackApiUrl);
        env.put("ANTHROPIC_API_KEY", TestSecrets.API_KEY);
        env.put("ANTHROPIC_BASE_URL", anthropicBaseUrl);
        env.put("THREADWORK_AGENT_ID", "agent_default");
        env.put("THREADWORK_ENVIRONMENT_ID", "env_default");
        env.put("THREADWORK_INSTANCE_ID", "it-instance");
        return env;
    }

    public AppProcess start() throws IOException {
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(List.of(
                System.getProperty("threadwork.java", "java"), "-Xmx512m", "-jar", jar()));
        builder.environment().keySet().removeIf(key -> key.startsWith("SLACK_") || key.startsWith("ANTHROPIC_")
                || key.startsWith("THREADWORK_"));
        builder.environment().putAll(env);
        builder.directory(workDir.toFile());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        return this;
    }

    /** Starts and waits until {@code /health/ready} answers 200. */
    public AppProcess startReady() throws IOException {
        start();
        awaitReady();
        return this;
    }

    public void awaitReady() {
        await("readiness of the app (log: " + log + ")").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("The app exited with " + process.exitValue() + ":\n" + output());
                    }
                    return status("/health/ready") == 200;
                });
    }

    public int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The app did not exit within " + within + ":\n" + output());
        }
        return process.exitValue();
    }

    /** SIGTERM: a graceful stop. */
    public int stop(Duration within) throws InterruptedException {
        process.destroy();
        return awaitExit(within);
    }

    /** SIGKILL: no chance to flush anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public int port() {
        return port;
    }

    /** The child's process id, for reading its memory and CPU time from /proc (benchmarks). */
    public long pid() {
        return process.pid();
    }

    private static String jar() {
        String jar = System.getProperty("threadwork.jar", "target/threadwork.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package (integration tests run in 'verify')");
        }
        return Path.of(jar).toAbsolutePath().toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }
}
