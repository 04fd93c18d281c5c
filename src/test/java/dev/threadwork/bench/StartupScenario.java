package dev.threadwork.bench;

import dev.threadwork.it.AppProcess;
import dev.threadwork.it.Harness;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Launch-to-ready time and idle RSS of threadwork.jar against a bare Payara Micro (the runtime
 * it is built on, with no application), both with the same JVM and heap limit. Readiness of the
 * app is {@code /health/ready} (schema migrated, Slack token accepted); of the bare runtime, its
 * first HTTP answer of any status.
 */
final class StartupScenario implements Scenario {

    /** Idle RSS is read after the JIT and the first GCs have settled a little. */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private record Launch(double readyMillis, double idleRssMiB) {
    }

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public List<Result> run(Options options) throws Exception {
        Progress progress = new Progress(name());
        int runs = options.quick() ? 1 : 2;
        List<Launch> app = new ArrayList<>();
        List<Launch> bare = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            bare.add(launchBare(progress));
            app.add(launchApp(progress));
        }
        Launch a = best(app);
        Launch b = best(bare);
        return List.of(new Result(name(), "best of " + runs + " launches each, -Xmx512m, settle " + SETTLE.toSeconds() + " s",
                Machine.current(), List.of(
                Measure.info("threadwork.jar launch to /health/ready", a.readyMillis(), "ms"),
                Measure.info("bare Payara Micro launch to first answer", b.readyMillis(), "ms"),
                Measure.atMost("startup time ratio (app / bare)", a.readyMillis() / b.readyMillis(), "x", 1.5, "<= 1.5x"),
                Measure.info("threadwork.jar idle RSS", a.idleRssMiB(), "MiB"),
                Measure.info("bare Payara Micro idle RSS", b.idleRssMiB(), "MiB"),
                Measure.atMost("idle RSS ratio (app / bare)", a.idleRssMiB() / b.idleRssMiB(), "x", 1.5, "<= 1.5x")),
                List.of("bare = target/payara/payara-micro.jar --nocluster --port P, no application deployed;"
                        + " 'best' = the fastest launch, with its RSS")));
    }

    private static Launch best(List<Launch> launches) {
        return launches.stream().min((x, y) -> Double.compare(x.readyMillis(), y.readyMillis())).orElseThrow();
    }

    private Launch launchApp(Progress progress) throws Exception {
        try (Harness harness = BenchApp.start(name(), Options.parse(new String[0]))) {
            long start = System.nanoTime();
            harness.app = new AppProcess(AppProcess.validEnv(harness.slack.apiUrl(), harness.agents.baseUrl()), harness.workDir).start();
            HttpClient http = HttpClient.newHttpClient();
            awaitStatus(http, harness.app.uri("/health/ready"), true, harness.app::alive);
            double ready = (System.nanoTime() - start) / 1e6;
            Thread.sleep(SETTLE.toMillis());
            double rss = ProcStats.of(harness.app.pid()).rssMiB();
            progress.step("threadwork.jar ready in %.0f ms, idle RSS %.0f MiB", ready, rss);
            return new Launch(ready, rss);
        }
    }

    private Launch launchBare(Progress progress) throws Exception {
        Path dir = Path.of("target", "bench", "payara-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dir);
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("threadwork.java", "java"), "-Xmx512m", "-jar",
                Path.of("target", "payara", "payara-micro.jar").toAbsolutePath().toString(), "--nocluster", "--port",
                Integer.toString(port)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("payara.log").toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            awaitStatus(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:" + port + "/"), false, process::isAlive);
            double ready = (System.nanoTime() - start) / 1e6;
            Thread.sleep(SETTLE.toMillis());
            double rss = ProcStats.of(process.pid()).rssMiB();
            progress.step("bare Payara Micro answered in %.0f ms, idle RSS %.0f MiB", ready, rss);
            return new Launch(ready, rss);
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Polls every 20 ms: the figure is launch-to-ready, so the poll interval bounds its error. */
    private static void awaitStatus(HttpClient http, URI uri, boolean need200, java.util.function.BooleanSupplier alive)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("process exited before answering " + uri);
            }
            try {
                int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (!need200 || status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no answer from " + uri + " within " + TIMEOUT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
