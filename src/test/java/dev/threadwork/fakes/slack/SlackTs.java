package dev.threadwork.fakes.slack;

import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Produces Slack message timestamps ("1700000000.000100"): unique and strictly increasing, so the
 * fake can order messages exactly like Slack does. Deterministic (not wall clock) so test output is
 * reproducible.
 */
final class SlackTs {

    static final Comparator<String> ORDER = Comparator.comparingLong(SlackTs::micros);

    private static final long STEP_MICROS = 100;
    private final AtomicLong lastMicros = new AtomicLong(1_700_000_000_000_000L);

    String next() {
        return format(lastMicros.addAndGet(STEP_MICROS));
    }

    /** Seeded messages may carry any ts; keep produced ones after them, as real time would. */
    void advancePast(String ts) {
        long seen = micros(ts);
        lastMicros.updateAndGet(prev -> Math.max(prev, seen));
    }

    static long micros(String ts) {
        int dot = ts.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(ts) * 1_000_000L;
        }
        String frac = (ts.substring(dot + 1) + "000000").substring(0, 6);
        return Long.parseLong(ts.substring(0, dot)) * 1_000_000L + Long.parseLong(frac);
    }

    static boolean isValid(String ts) {
        return ts != null && ts.matches("\\d{1,12}(\\.\\d{1,6})?");
    }

    static String format(long micros) {
        return String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L);
    }
}
