package dev.threadwork.bridge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every control action, allowed or not (implemented in {@code store}). */
public interface AuditLog {

    enum Outcome { DONE, DENIED, FAILED, ALREADY_DONE }

    record Entry(Instant at, String teamId, Optional<String> channelId, String userId, String action,
                 Optional<String> sessionId, Outcome outcome, String detail) {
    }

    void record(Entry entry);

    /** Entries of a session, oldest first. */
    List<Entry> forSession(String sessionId);
}
