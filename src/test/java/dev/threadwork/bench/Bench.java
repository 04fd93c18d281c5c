package dev.threadwork.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks of the packaged app against the loopback fakes; not part of the test suite (timings
 * on a shared machine are measurements, not pass/fail). Run through {@code bench/run}.
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        // Ctrl-C or a timeout must not leave a 500 MiB app running: kill the children this JVM started.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroyForcibly)));
        Map<String, Scenario> all = new LinkedHashMap<>();
        for (Scenario scenario : List.of(new StartupScenario(), new AckScenario(), new ChattyScenario(), new SessionsScenario())) {
            all.put(scenario.name(), scenario);
        }
        ResultsFiles files = new ResultsFiles(options.resultsDir());
        if (options.scenarios().equals(List.of("report"))) {
            files.rewrite();
            System.out.println("Rewrote " + options.resultsDir().resolve("RESULTS.md") + " from the JSON results");
            return;
        }
        List<String> names = options.scenarios().isEmpty() ? new ArrayList<>(all.keySet()) : options.scenarios();
        for (String name : names) {
            if (!all.containsKey(name)) {
                System.err.println("Unknown scenario '" + name + "'; known: " + String.join(", ", all.keySet()));
                System.exit(2);
            }
        }
        boolean allMet = true;
        for (String name : names) {
            for (Result result : all.get(name).run(options)) {
                files.write(result);
                for (Measure m : result.measures()) {
                    System.out.printf("  %-13s %-44s %14s  %s%s%n", result.scenario(), m.name(), m.formatted(), m.target(),
                            m.met() == null ? "" : m.met() ? "  ok" : "  MISSED");
                    allMet &= m.met() == null || m.met();
                }
            }
        }
        System.out.println(allMet ? "All targets met." : "Some targets missed (see above and "
                + options.resultsDir().resolve("RESULTS.md") + ").");
        // Child processes are killed by the scenarios; the fakes' HTTP servers use non-daemon threads.
        System.exit(0);
    }
}
