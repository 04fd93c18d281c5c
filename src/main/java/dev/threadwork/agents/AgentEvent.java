package dev.threadwork.agents;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A persisted event of a Managed Agents session, as the bridge and the renderer see it. Mapped
 * from the SDK's types in one place ({@code EventMapper}); anything this family does not model
 * arrives as {@link Unknown} with its raw JSON, because the API is in beta and grows.
 *
 * <p>Every member has the API's event {@code id} (unique within the session, the dedupe key) and
 * its wire {@code type}.
 */
public sealed interface AgentEvent {

    String id();

    String type();

    /** The event's JSON as received, for diagnostics and for fields this family does not model. */
    String rawJson();

    /** {@code agent.message}: the authoritative complete text of one agent message. */
    record AgentText(String id, String text, String rawJson) implements AgentEvent {
        @Override
        public String type() {
            return "agent.message";
        }
    }

    /**
     * {@code agent.tool_use}, {@code agent.mcp_tool_use} or {@code agent.custom_tool_use}.
     *
     * @param mcpServer the MCP server's name for MCP tools
     * @param inputJson the tool input as JSON text
     * @param askForConfirmation whether the platform will wait for a {@code user.tool_confirmation}
     */
    record ToolUse(String id, String type, String name, Optional<String> mcpServer, String inputJson,
                   boolean askForConfirmation, String rawJson) implements AgentEvent {
    }

    /** {@code agent.tool_result} or {@code agent.mcp_tool_result}; text is the result's text content. */
    record ToolResult(String id, String type, String toolUseId, String text, boolean error, String rawJson)
            implements AgentEvent {
    }

    /** One of the {@code session.status_*} events. */
    record StatusChange(String id, String type, SessionStatus status, Optional<StopReason> stopReason,
                        String rawJson) implements AgentEvent {
    }

    /** {@code session.usage}: cumulative figures for the session. */
    record Usage(String id, long inputTokens, long outputTokens, long cacheReadTokens, long cacheCreationTokens,
                 Optional<BigDecimal> listCost, Optional<String> currency, String rawJson) implements AgentEvent {
        @Override
        public String type() {
            return "session.usage";
        }
    }

    /** {@code span.model_request_end}: the tokens of one model request. */
    record ModelRequestEnd(String id, long inputTokens, long outputTokens, long cacheReadTokens,
                           long cacheCreationTokens, boolean error, String rawJson) implements AgentEvent {
        @Override
        public String type() {
            return "span.model_request_end";
        }
    }

    /** {@code session.error}: a short machine type and a human message; never shown as a stack trace. */
    record SessionError(String id, String errorType, String message, boolean retrying, String rawJson)
            implements AgentEvent {
        @Override
        public String type() {
            return "session.error";
        }
    }

    /** A user event echoed by the stream ({@code user.message}, {@code user.interrupt}, …). */
    record UserEcho(String id, String type, String text, String rawJson) implements AgentEvent {
    }

    /** Any other event, including types added to the API after this code was written. */
    record Unknown(String id, String type, String rawJson) implements AgentEvent {
    }

    enum SessionStatus { RUNNING, IDLE, RESCHEDULING, TERMINATED }

    /**
     * Why a session went idle.
     *
     * @param eventIds for {@code requires_action}: the tool-use events waiting for an answer
     */
    record StopReason(String type, List<String> eventIds) {
        public boolean endTurn() {
            return "end_turn".equals(type);
        }

        public boolean requiresAction() {
            return "requires_action".equals(type);
        }

        public boolean budgetReached() {
            return "budget_reached".equals(type);
        }
    }

    /** Best-effort live text of a message still being written (stream-only; no id, never replayed). */
    record TextPreview(String messageKey, String textSoFar) {
    }

    /** When the platform processed the event, when known. */
    default Optional<Instant> processedAt() {
        return Optional.empty();
    }
}
