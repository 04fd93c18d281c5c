package dev.threadwork.bridge;

/**
 * What the bridge tells a thread about its own messages. Implemented by the renderer, which owns
 * the paced outbound queue to Slack.
 */
public interface ThreadNotices {

    /** The message is about to go to its session: the turn it starts answers this message. */
    void sending(ThreadKey thread, String messageTs);

    /** The message reached its session (a reaction on it). */
    void delivered(ThreadKey thread, String messageTs);

    /** The agents API is unavailable; the message is stored and will be delivered later. */
    void queued(ThreadKey thread, String messageTs);

    /** The message can never reach its session; offers a new session linked to the old one. */
    void undeliverable(ThreadKey thread, String messageTs, String reason, long inboundMessageId);

    /** Tells one person something in the thread, visible only to them. */
    void tell(ThreadKey thread, String userId, String text);

    /** A session could not be started at all. */
    void startFailed(ThreadKey thread, String messageTs, String reason);
}
