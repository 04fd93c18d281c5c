package dev.threadwork.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: scenario names (none = all), {@code --quick} for scaled-down runs that finish in
 * well under a minute each, {@code --sessions N} to run the sessions scenario
 * at that one size instead of its growth ladder (250, 500, 1000, 2000), {@code --jfr} to record the
 * app with Java Flight Recorder (saved to target/bench/<scenario>.jfr before the app is stopped).
 */
public record Options(List<String> scenarios, boolean quick, int sessions, boolean sessionsGiven, boolean jfr, Path resultsDir) {

    public static Options parse(String[] args) {
        List<String> names = new ArrayList<>();
        boolean quick = false;
        boolean jfr = false;
        Integer sessions = null;
        Path results = Path.of("bench", "results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--jfr" -> jfr = true;
                case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                default -> names.add(args[i]);
            }
        }
        return new Options(List.copyOf(names), quick, sessions != null ? sessions : 2000, sessions != null, jfr, results);
    }
}
