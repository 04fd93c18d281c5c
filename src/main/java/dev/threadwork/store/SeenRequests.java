package dev.threadwork.store;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fingerprints of Slack requests already handled, in the {@code slack_request_seen} table: the
 * database decides (a primary key), so a replay is caught even when it reaches another instance
 * or arrives after a restart. Rows older than the signature window are useless and are purged.
 */
public final class SeenRequests {

    /** Slack's signatures are accepted for five minutes either way; keep fingerprints a bit longer. */
    private static final Duration KEEP = Duration.ofMinutes(11);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Jdbc jdbc;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    public SeenRequests(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the fingerprint; false when it was recorded before (a replay). */
    public boolean firstTime(String fingerprint, Instant now) {
        Instant last = lastPurge.get();
        if (last.plus(PURGE_EVERY).isBefore(now) && lastPurge.compareAndSet(last, now)) {
            jdbc.update("DELETE FROM slack_request_seen WHERE seen_at < ?", now.minus(KEEP));
        }
        return jdbc.insertIfAbsent("INSERT INTO slack_request_seen (fingerprint, seen_at) VALUES (?, ?)", fingerprint, now);
    }
}
