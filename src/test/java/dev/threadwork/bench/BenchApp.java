package dev.threadwork.bench;

import dev.threadwork.it.Harness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real app against the loopback fakes, with the client-side API limits lifted (100000 a minute, the highest the config accepts). */
final class BenchApp {

    private BenchApp() {
    }

    /**
     * The default limits (60 creates and 600 reads a minute) protect a real organisation's quota;
     * the fake has none, and leaving them on would measure the limiter, not the app.
     */
    static Harness start(String name, Options options) throws IOException {
        Harness harness = new Harness("bench-" + name)
                .env("THREADWORK_CREATE_PER_MINUTE", "100000")
                .env("THREADWORK_READ_PER_MINUTE", "100000");
        if (options.jfr()) {
            // JAVA_TOOL_OPTIONS reaches the child JVM without changing how AppProcess launches it.
            harness.env("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=name=bench,settings=profile");
        }
        return harness;
    }

    /**
     * Saves the child's flight recording before the scenario kills it (a SIGKILL leaves no dump).
     * Returns the file, or null without {@code --jfr}.
     */
    static Path dumpJfr(Harness harness, String name, Options options) throws IOException, InterruptedException {
        if (!options.jfr()) {
            return null;
        }
        Path file = Path.of("target", "bench", name + ".jfr").toAbsolutePath();
        Files.createDirectories(file.getParent());
        String jcmd = Path.of(System.getProperty("threadwork.java", "java")).resolveSibling("jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(harness.app.pid()), "JFR.dump", "name=bench", "filename=" + file)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        return file;
    }
}
