package dev.threadwork.bridge;

import dev.threadwork.agents.OutboundEvent;
import dev.threadwork.agents.SessionStreamListener;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * What the bridge needs of the Managed Agents API, in the bridge's terms. Failures are either
 * {@link Unavailable} (try again later; nothing happened) or {@link Rejected} (will never work).
 */
public interface SessionGateway {

    String createSession(String agentId, String environmentId, String title, Map<String, String> metadata,
                         Optional<BigDecimal> budgetUsd);

    void send(String sessionId, OutboundEvent event);

    /**
     * How many {@code user.message} events in the session's history carry this marker (see
     * {@link dev.threadwork.agents.OutboundEvent.UserMessage}): resolves a send whose outcome is uncertain.
     */
    int countMarked(String sessionId, String marker);

    /** The session created with this metadata entry, if the API has one: resolves an uncertain create. */
    Optional<String> findSessionByMetadata(String key, String value);

    /** The session's current status on the platform ({@code idle}, {@code running}, …). */
    String status(String sessionId);

    void archive(String sessionId);

    /** The session's persisted events, oldest first (to rebuild what a thread shows after a restart). */
    java.util.List<dev.threadwork.agents.AgentEvent> history(String sessionId);

    /** The full text of a tool call's result, looked up in the session's history. */
    Optional<String> toolResultText(String sessionId, String toolUseId);

    /** Whether the API knows this agent (used to validate channel settings). */
    boolean agentExists(String agentId);

    /** Whether the API knows this environment. */
    boolean environmentExists(String environmentId);

    /** Sets a new spend cap, letting a session stopped by {@code budget_reached} go on. */
    void raiseBudget(String sessionId, BigDecimal budgetUsd);

    /**
     * Opens the session's event stream and returns once it is connected, so that events caused by a
     * message sent afterwards are not missed. Events after {@code lastSeenEventId} are delivered.
     */
    AutoCloseable attach(String sessionId, Optional<String> lastSeenEventId, SessionStreamListener listener);

    /** The API is down, overloaded or rate limiting: nothing was done, try again later. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The API refused for good: the session is gone or terminated, or the request is invalid for it now. */
    final class Rejected extends RuntimeException {
        private final boolean sessionGone;

        public Rejected(String message, boolean sessionGone, Throwable cause) {
            super(message, cause);
            this.sessionGone = sessionGone;
        }

        /** The session is terminated, archived or deleted: nothing will ever reach it again. */
        public boolean sessionGone() {
            return sessionGone;
        }
    }
}
