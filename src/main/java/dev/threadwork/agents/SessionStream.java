package dev.threadwork.agents;

/** A running event stream of one session; see {@link AgentsClient#openStream}. */
public interface SessionStream extends AutoCloseable {

    String sessionId();

    /** Whether a connection is open right now (false while reconnecting and after the end). */
    boolean isConnected();

    /** Whether the stream ended for good ({@link SessionStreamListener#onClosed} was called). */
    boolean isClosed();

    /** The id of the last event handed to the listener, to persist for a later resume. */
    java.util.Optional<String> lastDeliveredEventId();

    /** Stops the stream; the listener's {@code onClosed(null)} follows unless it already ended. Idempotent. */
    @Override
    void close();
}
