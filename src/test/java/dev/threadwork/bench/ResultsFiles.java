package dev.threadwork.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        StringBuilder md = new StringBuilder("# Benchmark results\n\nWritten by `bench/run`; one row per figure, latest run of each scenario.\n\n")
                .append("| scenario | measured | value | target | met | parameters | machine | date |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            for (Measure m : result.measures()) {
                md.append("| ").append(result.scenario()).append(" | ").append(m.name()).append(" | ").append(m.formatted())
                        .append(" | ").append(m.target()).append(" | ").append(m.met() == null ? "" : m.met() ? "yes" : "**no**")
                        .append(" | ").append(result.parameters()).append(" | ").append(result.machine().summary())
                        .append(" | ").append(result.machine().date()).append(" |\n");
            }
        }
        md.append("\n");
        for (Result result : results) {
            for (String note : result.notes()) {
                md.append("- ").append(result.scenario()).append(": ").append(note).append("\n");
            }
        }
        return md.toString();
    }
}
