package dev.threadwork.bridge;

import java.util.Optional;

/** Context about the channel a user has open beside an assistant pane thread, added to the next message once. */
@FunctionalInterface
public interface ChannelInView {

    ChannelInView NONE = message -> Optional.empty();

    /** Text for the agent about the channel in view, when it is new to the agent; empty otherwise. */
    Optional<String> contextFor(InboundMessage message);

    /**
     * An assistant pane thread: between one person and the bot, so its earlier messages are the
     * bot's greeting or the bot's own output, not context worth sending.
     */
    default boolean paneThread(ThreadKey thread) {
        return false;
    }
}
