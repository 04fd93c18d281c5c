package dev.threadwork.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadwork.agents.AgentEvent.SessionStatus;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that turns the API's event JSON into {@link AgentEvent}s. Field names follow the
 * official SDK's models ({@code BetaManagedAgents…Event}). Never throws: an unknown type, or a known
 * type in a shape this code cannot read, becomes {@link AgentEvent.Unknown} with the raw JSON.
 *
 * <p>Why from JSON rather than the SDK's typed union: the stream is read raw (see
 * {@link ResilientSessionStream}), every event must keep its raw JSON anyway, and one mapping for
 * both history and live events keeps them identical.
 */
public final class EventMapper {

    private static final Logger LOG = System.getLogger(EventMapper.class.getName());

    private final ObjectMapper json;

    public EventMapper(ObjectMapper json) {
        this.json = json;
    }

    public EventMapper() {
        this(new ObjectMapper());
    }

    /** Maps one event's JSON text. */
    public AgentEvent map(String rawJson) {
        try {
            return map(json.readTree(rawJson), rawJson);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "unparseable event JSON kept as unknown");
            return new AgentEvent.Unknown("", "invalid", rawJson);
        }
    }

    /** Maps one parsed event. */
    public AgentEvent map(JsonNode node) {
        return map(node, node.toString());
    }

    private AgentEvent map(JsonNode node, String raw) {
        String id = text(node, "id");
        String type = text(node, "type");
        try {
            return switch (type) {
                case "agent.message" -> new AgentEvent.AgentText(id, blocksText(node.get("content")), raw);
                case "agent.tool_use", "agent.mcp_tool_use", "agent.custom_tool_use" -> new AgentEvent.ToolUse(id, type,
                        text(node, "name"), optionalText(node, "mcp_server_name"), inputJson(node.get("input")),
                        "ask".equals(permission(node)), raw);
                case "agent.tool_result", "agent.mcp_tool_result" -> new AgentEvent.ToolResult(id, type,
                        node.hasNonNull("tool_use_id") ? text(node, "tool_use_id") : text(node, "mcp_tool_use_id"),
                        blocksText(node.get("content")), node.path("is_error").asBoolean(false), raw);
                case "session.status_running" -> status(id, type, SessionStatus.RUNNING, node, raw);
                case "session.status_idle" -> status(id, type, SessionStatus.IDLE, node, raw);
                case "session.status_rescheduled", "session.status_rescheduling" ->
                        status(id, type, SessionStatus.RESCHEDULING, node, raw);
                case "session.status_terminated" -> status(id, type, SessionStatus.TERMINATED, node, raw);
                case "session.usage" -> usage(id, node, raw);
                case "span.model_request_end" -> modelRequestEnd(id, node, raw);
                case "session.error" -> sessionError(id, node, raw);
                default -> type.startsWith("user.")
                        ? new AgentEvent.UserEcho(id, type, blocksText(node.get("content")), raw)
                        : new AgentEvent.Unknown(id, type, raw);
            };
        } catch (RuntimeException unexpectedShape) {
            LOG.log(Level.WARNING, () -> "event " + id + " of type " + type + " has an unexpected shape: "
                    + unexpectedShape);
            return new AgentEvent.Unknown(id, type, raw);
        }
    }

    private static AgentEvent status(String id, String type, SessionStatus status, JsonNode node, String raw) {
        JsonNode reason = node.get("stop_reason");
        Optional<AgentEvent.StopReason> stop = Optional.empty();
        if (reason != null && reason.isObject()) {
            List<String> ids = new ArrayList<>();
            reason.path("event_ids").forEach(e -> ids.add(e.asText()));
            stop = Optional.of(new AgentEvent.StopReason(text(reason, "type"), List.copyOf(ids)));
        } else if (reason != null && reason.isTextual()) {
            stop = Optional.of(new AgentEvent.StopReason(reason.asText(), List.of()));
        }
        return new AgentEvent.StatusChange(id, type, status, stop, raw);
    }

    private static AgentEvent usage(String id, JsonNode node, String raw) {
        JsonNode usage = node.has("usage") ? node.get("usage") : node;
        JsonNode cost = usage.get("list_cost");
        Optional<BigDecimal> listCost = Optional.empty();
        Optional<String> currency = Optional.empty();
        if (cost != null && cost.isObject() && cost.hasNonNull("amount")) {
            // Amounts are read as cents (as budgets are sent); any decimal is accepted, fractional cents
            // included, with no forced scale: the unit is not confirmed, and a figure must never drop the event.
            try {
                listCost = Optional.of(new BigDecimal(cost.get("amount").asText().strip()).movePointLeft(2));
            } catch (NumberFormatException e) {
                listCost = Optional.empty();
            }
            currency = optionalText(cost, "currency");
        }
        return new AgentEvent.Usage(id, usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
                usage.path("cache_read_input_tokens").asLong(), cacheCreation(usage), listCost, currency, raw);
    }

    /** {@code cache_creation} is an object of per-TTL counts in the SDK; older shapes have one number. */
    private static long cacheCreation(JsonNode usage) {
        if (usage.has("cache_creation_input_tokens")) {
            return usage.get("cache_creation_input_tokens").asLong();
        }
        long sum = 0;
        for (Map.Entry<String, JsonNode> field : usage.path("cache_creation").properties()) {
            if (field.getValue().isNumber()) {
                sum += field.getValue().asLong();
            }
        }
        return sum;
    }

    private static AgentEvent modelRequestEnd(String id, JsonNode node, String raw) {
        JsonNode usage = node.path("model_usage");
        return new AgentEvent.ModelRequestEnd(id, usage.path("input_tokens").asLong(),
                usage.path("output_tokens").asLong(), usage.path("cache_read_input_tokens").asLong(),
                usage.path("cache_creation_input_tokens").asLong(), node.path("is_error").asBoolean(false), raw);
    }

    private static AgentEvent sessionError(String id, JsonNode node, String raw) {
        JsonNode error = node.path("error");
        String errorType = error.hasNonNull("type") ? error.get("type").asText() : "unknown_error";
        String message = error.hasNonNull("message") ? error.get("message").asText() : "";
        boolean retrying = "retrying".equals(error.path("retry_status").path("type").asText(""));
        return new AgentEvent.SessionError(id, errorType, message, retrying, raw);
    }

    /** {@code evaluated_permission} is a string ({@code allow}/{@code ask}/{@code deny}) in the SDK; accept an object too. */
    private static String permission(JsonNode node) {
        JsonNode permission = node.get("evaluated_permission");
        if (permission == null || permission.isNull()) {
            return "";
        }
        return permission.isObject() ? permission.path("type").asText("") : permission.asText("");
    }

    private static String inputJson(JsonNode input) {
        return input == null || input.isNull() ? "{}" : input.toString();
    }

    /** The text of a content list (text blocks joined), or of a plain string. */
    static String blocksText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if (block.isTextual()) {
                text.append(block.asText());
            } else if ("text".equals(block.path("type").asText()) && block.hasNonNull("text")) {
                text.append(block.get("text").asText());
            }
        }
        return text.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
