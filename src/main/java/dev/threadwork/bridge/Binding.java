package dev.threadwork.bridge;

import java.time.Instant;
import java.util.Optional;

/**
 * A thread bound to a session. {@code sessionId} is empty between the moment the thread asked for
 * a session and the moment the API created it.
 */
public record Binding(
        ThreadKey thread,
        Optional<String> sessionId,
        String triggerTs,
        String startedBy,
        String agentId,
        String environmentId,
        String title,
        State state,
        Optional<String> previousSessionId,
        Instant createdAt) {

    public enum State { CREATING, ACTIVE, ENDED }

    public boolean live() {
        return state != State.ENDED;
    }
}
