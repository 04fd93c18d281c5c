package dev.threadwork.bridge;

import java.util.List;
import java.util.Optional;

/** Where thread ↔ session bindings persist (implemented in {@code store}). */
public interface BindingStore {

    Optional<Binding> find(ThreadKey thread);

    Optional<Binding> findBySession(String sessionId);

    /** Claims the thread for a new session; false when the thread already has a binding. */
    boolean create(Binding binding);

    void attachSession(ThreadKey thread, String sessionId);

    void markEnded(String sessionId);

    /** A start that will never get its session (the API refused it): the thread is free to start again. */
    void abandonStart(ThreadKey thread);

    /** Rebinds an ended thread to a fresh session request, remembering the old session. */
    void restart(ThreadKey thread, String startedBy, String agentId, String environmentId);

    List<Binding> inChannel(String teamId, String channelId, int limit);

    List<Binding> startedBy(String teamId, String userId, int limit);

    /** Bindings whose session may still produce events. */
    List<Binding> live();
}
