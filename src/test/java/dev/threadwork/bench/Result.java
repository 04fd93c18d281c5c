package dev.threadwork.bench;

import java.util.List;

/** What one scenario run produced: its figures, the parameters it ran with, and the machine. */
public record Result(String scenario, String parameters, Machine machine, List<Measure> measures, List<String> notes) {
}
