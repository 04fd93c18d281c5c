package dev.threadwork.bench;

import java.time.Duration;

/** One line per step on stdout, with the time since the run began, so a slow step shows where it is. */
public final class Progress {

    private final long start = System.nanoTime();
    private final String scenario;

    public Progress(String scenario) {
        this.scenario = scenario;
    }

    public void step(String format, Object... args) {
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.printf("[%6.1fs] %-8s %s%n", millis / 1000.0, scenario, String.format(format, args));
        System.out.flush();
    }
}
