package dev.threadwork.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code java -jar threadwork.jar <command>} as a child process without a terminal: its exit code and output. */
record CliRun(int exit, String output) {

    static CliRun of(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path dir = Path.of("target", "it", "cli-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(System.getProperty("threadwork.java", "java"), "-jar",
                Path.of(System.getProperty("threadwork.jar", "target/threadwork.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(key -> key.startsWith("SLACK_") || key.startsWith("ANTHROPIC_")
                || key.startsWith("THREADWORK_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("threadwork.jar " + String.join(" ", args) + " did not finish");
        }
        return new CliRun(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
