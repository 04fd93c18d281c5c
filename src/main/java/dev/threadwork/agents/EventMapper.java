package dev.threadwork.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place where the API's event JSON becomes {@link AgentEvent}s. Field names follow the
 * API (and the official SDK's models); anything unexpected becomes {@link AgentEvent.Unknown}
 * rather than an error, because the API is in beta and grows.
 */
public final class EventMapper {

    private final ObjectMapper json;

    public EventMapper(ObjectMapper json) {
        this.json = json;
    }

    /** Maps one persisted event; never throws for well-formed JSON. */
    public AgentEvent map(JsonNode node) {
        String raw = node.toString();
        String id = node.path("id").asText("");
        String type = node.path("type").asText("");
        try {
            return switch (type) {
                case "agent.message" -> new AgentEvent.AgentText(id, text(node.path("content")), raw);
                case "agent.tool_use", "agent.mcp_tool_use", "agent.custom_tool_use" -> new AgentEvent.ToolUse(id, type,
                        node.path("name").asText("tool"),
                        Optional.ofNullable(node.path("mcp_server_name").asText(null)),
                        node.has("input") ? node.get("input").toString() : "{}",
                        asks(node), raw);
                case "agent.tool_result", "agent.mcp_tool_result" -> new AgentEvent.ToolResult(id, type,
                        node.path(node.has("tool_use_id") ? "tool_use_id" : "mcp_tool_use_id").asText(""),
                        text(node.path("content")), node.path("is_error").asBoolean(false), raw);
                case "session.status_running" -> status(id, type, AgentEvent.SessionStatus.RUNNING, node, raw);
                case "session.status_idle" -> status(id, type, AgentEvent.SessionStatus.IDLE, node, raw);
                case "session.status_rescheduled", "session.status_rescheduling" ->
                        status(id, type, AgentEvent.SessionStatus.RESCHEDULING, node, raw);
                case "session.status_terminated" -> status(id, type, AgentEvent.SessionStatus.TERMINATED, node, raw);
                case "session.usage" -> usage(id, node.path("usage"), raw);
                case "span.model_request_end" -> {
                    JsonNode usage = node.path("model_usage");
                    yield new AgentEvent.ModelRequestEnd(id, usage.path("input_tokens").asLong(0),
                            usage.path("output_tokens").asLong(0), usage.path("cache_read_input_tokens").asLong(0),
                            usage.path("cache_creation_input_tokens").asLong(0), node.path("is_error").asBoolean(false), raw);
                }
                case "session.error" -> {
                    JsonNode error = node.path("error");
                    String retry = error.path("retry_status").path("type").asText("");
                    yield new AgentEvent.SessionError(id, error.path("type").asText("error"),
                            error.path("message").asText(""), "retrying".equals(retry), raw);
                }
                case "user.message", "user.interrupt", "user.tool_confirmation", "user.custom_tool_result", "system.message" ->
                        new AgentEvent.UserEcho(id, type, text(node.path("content")), raw);
                default -> new AgentEvent.Unknown(id, type, raw);
            };
        } catch (RuntimeException e) {
            return new AgentEvent.Unknown(id, type, raw);
        }
    }

    public AgentEvent map(String rawJson) {
        try {
            return map(json.readTree(rawJson));
        } catch (java.io.IOException e) {
            return new AgentEvent.Unknown("", "", rawJson);
        }
    }

    /** Whether the platform waits for a {@code user.tool_confirmation} before running the tool. */
    private static boolean asks(JsonNode node) {
        JsonNode permission = node.path("evaluated_permission");
        String value = permission.isObject() ? permission.path("type").asText("") : permission.asText("");
        return "ask".equals(value);
    }

    private static AgentEvent status(String id, String type, AgentEvent.SessionStatus status, JsonNode node, String raw) {
        JsonNode reason = node.path("stop_reason");
        Optional<AgentEvent.StopReason> stop = Optional.empty();
        if (reason.isObject() && reason.has("type")) {
            List<String> ids = new ArrayList<>();
            reason.path("event_ids").forEach(eventId -> ids.add(eventId.asText()));
            stop = Optional.of(new AgentEvent.StopReason(reason.path("type").asText(), List.copyOf(ids)));
        } else if (reason.isTextual()) {
            stop = Optional.of(new AgentEvent.StopReason(reason.asText(), List.of()));
        }
        return new AgentEvent.StatusChange(id, type, status, stop, raw);
    }

    private static AgentEvent usage(String id, JsonNode usage, String raw) {
        JsonNode cost = usage.path("list_cost");
        Optional<BigDecimal> amount = Optional.empty();
        if (cost.has("amount")) {
            try {
                amount = Optional.of(new BigDecimal(cost.path("amount").asText()));
            } catch (NumberFormatException e) {
                amount = Optional.empty();
            }
        }
        JsonNode cacheCreation = usage.path("cache_creation");
        long creation = cacheCreation.isNumber() ? cacheCreation.asLong()
                : cacheCreation.path("ephemeral_5m_input_tokens").asLong(0) + cacheCreation.path("ephemeral_1h_input_tokens").asLong(0);
        return new AgentEvent.Usage(id, usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0),
                usage.path("cache_read_input_tokens").asLong(0), creation, amount,
                Optional.ofNullable(cost.path("currency").asText(null)), raw);
    }

    /** The text of a content value: a string, or the text blocks of a list, joined. */
    static String text(JsonNode content) {
        if (content == null || content.isMissingNode() || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if (block.has("text")) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(block.get("text").asText());
            }
        }
        return text.toString();
    }
}
