package dev.threadwork.bridge;

import dev.threadwork.agents.AgentEvent;
import java.util.Optional;

/** Where a session's events go: the renderer. Called in order, on the session's stream thread. */
public interface EventSink {

    /** The last event already rendered for the session, to resume after. */
    Optional<String> resumeAfter(String sessionId);

    /**
     * Renders one event.
     *
     * @return whether the session is still live (running or waiting for someone); when it is not,
     *         its stream is closed until the next user event
     */
    boolean onEvent(Binding binding, AgentEvent event);

    /** Whether the session is running or waiting for someone, as far as rendering knows. */
    boolean live(String sessionId);

    default void onPreview(Binding binding, AgentEvent.TextPreview preview) {
    }

    /** The stream is reconnecting (the thread may show that the bot is catching up). */
    default void onReconnecting(Binding binding, int attempt) {
    }
}
