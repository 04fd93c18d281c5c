package dev.threadwork.bridge;

import java.util.Optional;

/**
 * Assistant pane threads and the channel each one's user has open beside it (implemented in
 * {@code store}). The channel last told to the agent is kept too, so a change reaches it once.
 */
public interface AssistantThreads {

    /**
     * @param contextChannelId the channel the user is viewing, empty when Slack sent none
     * @param toldChannelId    the channel the agent was last told about
     */
    record AssistantThread(ThreadKey thread, String userId, Optional<String> contextChannelId,
                           Optional<String> toldChannelId) {
    }

    /** Records a new pane thread; false when it was known already (a retried event). */
    boolean started(ThreadKey thread, String userId, Optional<String> contextChannelId);

    /** The user moved to another channel while the thread is open; records the thread if it was unknown. */
    void contextChanged(ThreadKey thread, String userId, Optional<String> contextChannelId);

    Optional<AssistantThread> find(ThreadKey thread);

    /** The agent has been told about {@code channelId}. */
    void told(ThreadKey thread, String channelId);
}
