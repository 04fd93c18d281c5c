package dev.threadwork.bench;

/**
 * One measured figure of a scenario.
 *
 * @param name   what was measured, e.g. "ack p99"
 * @param value  the figure, in {@code unit}
 * @param unit   "ms", "MiB", "count" …
 * @param target the goal as text ("< 50 ms"), empty when the figure is context only
 * @param met    whether the target was met; null when there is no target
 */
public record Measure(String name, double value, String unit, String target, Boolean met) {

    public static Measure info(String name, double value, String unit) {
        return new Measure(name, value, unit, "", null);
    }

    public static Measure atMost(String name, double value, String unit, double limit, String target) {
        return new Measure(name, value, unit, target, value <= limit);
    }

    public String formatted() {
        return (value == Math.rint(value) && Math.abs(value) < 1e12 ? Long.toString((long) value) : String.format(Math.abs(value) < 1 ? "%.3f" : "%.2f", value))
                + (unit.isEmpty() ? "" : " " + unit);
    }
}
