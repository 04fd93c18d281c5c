package dev.threadwork.agents;

import java.util.Optional;

/** An event Threadwork sends to a session. */
public sealed interface OutboundEvent {

    /**
     * {@code user.message}: the text block, then (when given) a second, short text block carrying
     * {@code marker}, so that a send whose outcome is uncertain can be found in the history by that
     * marker instead of by comparing texts (two identical messages are two sends); then an image block
     * per uploaded image file ({@code {"type":"image","source":{"type":"file","file_id":…}}}).
     */
    record UserMessage(String text, Optional<String> marker, java.util.List<String> imageFileIds) implements OutboundEvent {
        public UserMessage {
            marker = marker == null ? Optional.empty() : marker;
            imageFileIds = imageFileIds == null ? java.util.List.of() : java.util.List.copyOf(imageFileIds);
        }

        public UserMessage(String text, Optional<String> marker) {
            this(text, marker, java.util.List.of());
        }

        public UserMessage(String text) {
            this(text, Optional.empty());
        }
    }

    /** {@code user.interrupt}: stop the agent now. */
    record Interrupt() implements OutboundEvent {
    }

    /** {@code user.tool_confirmation} for a tool call waiting under {@code always_ask}. */
    record ToolConfirmation(String toolUseId, boolean allow, Optional<String> denyMessage) implements OutboundEvent {
    }
}
