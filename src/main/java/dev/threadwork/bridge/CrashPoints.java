package dev.threadwork.bridge;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named instants between an effect's intent, its call and its commit, where the crash-point tests
 * stop the process as {@code kill -9} would. Production never arms one: {@link #hit} is a read of a
 * field set once at start-up from {@code THREADWORK_TEST_CRASH_AT} (environment or system property,
 * {@code name} or {@code name@n} for the n-th time the point is reached).
 */
public final class CrashPoints {

    private static final String SETTING = "THREADWORK_TEST_CRASH_AT";
    private static final Optional<String> ARMED;
    private static final int AT_HIT;
    private static final AtomicInteger HITS = new AtomicInteger();

    static {
        String raw = Optional.ofNullable(System.getProperty(SETTING)).orElse(System.getenv(SETTING));
        if (raw == null || raw.isBlank()) {
            ARMED = Optional.empty();
            AT_HIT = 0;
        } else {
            String[] parts = raw.strip().toLowerCase(Locale.ROOT).split("@", 2);
            ARMED = Optional.of(parts[0]);
            AT_HIT = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
        }
    }

    private CrashPoints() {
    }

    /** Halts the JVM at once (no shutdown hooks, no flush) when this point is the armed one. */
    public static void hit(String name) {
        if (ARMED.isPresent() && ARMED.get().equals(name) && HITS.incrementAndGet() == AT_HIT) {
            System.err.println("CRASH POINT " + name + ": halting");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
