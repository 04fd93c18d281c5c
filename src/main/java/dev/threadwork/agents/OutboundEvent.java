package dev.threadwork.agents;

import java.util.Optional;

/** An event Threadwork sends to a session. */
public sealed interface OutboundEvent {

    /**
     * {@code user.message}: one text block, then an image block per uploaded image file
     * ({@code {"type":"image","source":{"type":"file","file_id":…}}}).
     */
    record UserMessage(String text, java.util.List<String> imageFileIds) implements OutboundEvent {
        public UserMessage {
            imageFileIds = imageFileIds == null ? java.util.List.of() : java.util.List.copyOf(imageFileIds);
        }

        public UserMessage(String text) {
            this(text, java.util.List.of());
        }
    }

    /** {@code user.interrupt}: stop the agent now. */
    record Interrupt() implements OutboundEvent {
    }

    /** {@code user.tool_confirmation} for a tool call waiting under {@code always_ask}. */
    record ToolConfirmation(String toolUseId, boolean allow, Optional<String> denyMessage) implements OutboundEvent {
    }
}
