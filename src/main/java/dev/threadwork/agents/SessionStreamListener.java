package dev.threadwork.agents;

/**
 * Receives one session's events, each exactly once and in order, across reconnects. Called on the
 * stream's own (virtual) thread; implementations must not block for long.
 */
public interface SessionStreamListener {

    /** A persisted event, never seen before by this stream. */
    void onEvent(AgentEvent event);

    /** A live text preview (only when opted in); always superseded by the matching {@link AgentEvent.AgentText}. */
    default void onPreview(AgentEvent.TextPreview preview) {
    }

    /** The connection dropped and the stream is reconnecting; {@code attempt} counts from 1. */
    default void onReconnecting(int attempt, Throwable cause) {
    }

    /** The stream ended for good: closed by us, the session was terminated or deleted, or a fatal error. */
    default void onClosed(Throwable causeOrNull) {
    }
}
