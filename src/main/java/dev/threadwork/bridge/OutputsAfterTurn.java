package dev.threadwork.bridge;

import dev.threadwork.agents.AgentEvent;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An {@link EventSink} in front of the renderer that, when a turn ends (the session goes idle or
 * terminates), has the session's output files shared in its thread — off the stream's thread, so
 * rendering never waits for a download.
 */
public final class OutputsAfterTurn implements EventSink, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutputsAfterTurn.class.getName());

    private final EventSink renderer;
    private final OutputFiles outputs;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    public OutputsAfterTurn(EventSink renderer, OutputFiles outputs) {
        this.renderer = renderer;
        this.outputs = outputs;
    }

    @Override
    public Optional<String> resumeAfter(String sessionId) {
        return renderer.resumeAfter(sessionId);
    }

    @Override
    public boolean onEvent(Binding binding, AgentEvent event) {
        boolean live = renderer.onEvent(binding, event);
        if (event instanceof AgentEvent.StatusChange status
                && (status.status() == AgentEvent.SessionStatus.IDLE || status.status() == AgentEvent.SessionStatus.TERMINATED)) {
            workers.execute(() -> {
                try {
                    outputs.afterTurn(binding);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Sharing the output files of " + binding.sessionId().orElse("?") + " failed: "
                            + e.getMessage());
                }
            });
        }
        return live;
    }

    @Override
    public boolean live(String sessionId) {
        return renderer.live(sessionId);
    }

    @Override
    public void onPreview(Binding binding, AgentEvent.TextPreview preview) {
        renderer.onPreview(binding, preview);
    }

    @Override
    public void onReconnecting(Binding binding, int attempt) {
        renderer.onReconnecting(binding, attempt);
    }

    @Override
    public void close() {
        workers.shutdown();
    }
}
