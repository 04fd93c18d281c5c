package dev.threadwork.render;

import dev.threadwork.bridge.SessionSummaries;
import java.util.List;
import java.util.Optional;

/** Where render states persist (implemented in {@code store}). */
public interface RenderStateStore extends SessionSummaries {

    Optional<RenderState> find(String sessionId);

    void save(RenderState state);

    /** Sessions that were live when the bot last ran. */
    List<String> liveSessions();
}
