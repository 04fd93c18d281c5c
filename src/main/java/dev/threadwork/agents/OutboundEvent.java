package dev.threadwork.agents;

import java.util.Optional;

/** An event Threadwork sends to a session. */
public sealed interface OutboundEvent {

    /** {@code user.message} with one text block. */
    record UserMessage(String text) implements OutboundEvent {
    }

    /** {@code user.interrupt}: stop the agent now. */
    record Interrupt() implements OutboundEvent {
    }

    /** {@code user.tool_confirmation} for a tool call waiting under {@code always_ask}. */
    record ToolConfirmation(String toolUseId, boolean allow, Optional<String> denyMessage) implements OutboundEvent {
    }
}
