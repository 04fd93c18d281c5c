package dev.threadwork.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code <scenario>.json} per scenario, and {@code RESULTS.md} rebuilt from all of them, so running
 * one scenario refreshes its rows and keeps the others' latest figures.
 */
public final class ResultsFiles {

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    public ResultsFiles(Path dir) {
        this.dir = dir;
    }

    public void write(Result result) throws IOException {
        Files.createDirectories(dir);
        json.writeValue(dir.resolve(result.scenario() + ".json").toFile(), result);
        rewrite();
    }

    /** Rebuilds RESULTS.md from the JSON files alone ({@code bench/run report}). */
    public void rewrite() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("RESULTS.md"), markdown(readAll()));
    }

    private List<Result> readAll() throws IOException {
        List<Result> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                results.add(json.readValue(file.toFile(), Result.class));
            }
        }
        return results;
    }

    static String markdown(List<Result> results) {
        List<Result> ordered = results.stream().sorted(Comparator.comparing(ResultsFiles::order)).toList();
        StringBuilder md = new StringBuilder("# Benchmark results\n\nWritten by `bench/run` (see bench/README.md); latest run of"
                + " each scenario. Machine: CPUs / RAM / JDK of the run.\n\n")
                .append("| scenario | measured | value | target | met | machine | date (UTC) |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Result result : ordered) {
            Machine machine = result.machine();
            String where = machine.cpus() + " CPU / " + Math.round(machine.ramMiB() / 1024.0) + " GiB / JDK "
                    + machine.jdk().replaceAll(".* ", "");
            String when = machine.date().replace('T', ' ').replaceAll(":\\d\\dZ$", "");
            for (Measure m : result.measures()) {
                md.append("| ").append(result.scenario()).append(" | ").append(m.name()).append(" | ").append(m.formatted())
                        .append(" | ").append(m.target()).append(" | ").append(m.met() == null ? "" : m.met() ? "yes" : "**no**")
                        .append(" | ").append(where).append(" | ").append(when).append(" |\n");
            }
        }
        md.append("\n## Parameters and notes\n\n");
        for (Result result : ordered) {
            md.append("- **").append(result.scenario()).append("**: ").append(result.parameters()).append("\n");
            for (String note : result.notes()) {
                md.append("  - ").append(note).append("\n");
            }
        }
        return md.toString();
    }

    /** startup, ack, chatty, then sessions by size: the order the README discusses them in. */
    private static String order(Result result) {
        String name = result.scenario();
        int dash = name.indexOf('-');
        String base = dash < 0 ? name : name.substring(0, dash);
        long size = dash < 0 ? 0 : Long.parseLong(name.substring(dash + 1).replaceAll("\\D", "0"));
        int rank = List.of("startup", "ack", "chatty", "sessions").indexOf(base);
        return String.format("%02d-%010d-%s", rank < 0 ? 99 : rank, size, name);
    }
}
