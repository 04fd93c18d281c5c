package dev.threadwork.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** JSON of agents, environments and sessions to Threadwork's small records. */
final class ResourceMapper {

    AgentInfo agent(JsonNode node) {
        JsonNode model = node.path("model");
        String modelId = model.isObject() ? model.path("id").asText("") : model.asText("");
        return new AgentInfo(node.path("id").asText(), node.path("name").asText(""), modelId,
                node.hasNonNull("version") ? Optional.of(node.get("version").asLong()) : Optional.empty(),
                text(node, "description"));
    }

    EnvironmentInfo environment(JsonNode node) {
        return new EnvironmentInfo(node.path("id").asText(), node.path("name").asText(""));
    }

    SessionInfo session(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        node.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        JsonNode agent = node.path("agent");
        Optional<String> agentId = agent.isObject() ? text(agent, "id") : text(node, "agent");
        return new SessionInfo(node.path("id").asText(), node.path("status").asText(""), text(node, "title"),
                metadata, agentId, text(node, "environment_id"), budgetUsd(node.path("budget")),
                instant(node, "created_at"), instant(node, "archived_at"));
    }

    FileInfo file(JsonNode node) {
        JsonNode scope = node.path("scope");
        return new FileInfo(node.path("id").asText(), node.path("filename").asText(""),
                node.path("mime_type").asText("application/octet-stream"), node.path("size_bytes").asLong(0),
                node.path("downloadable").asBoolean(false), scope.isObject() ? text(scope, "id") : Optional.empty());
    }

    FileResourceInfo fileResource(JsonNode node) {
        return new FileResourceInfo(node.path("id").asText(), node.path("file_id").asText(""),
                node.path("mount_path").asText(""));
    }

    /** {@code {"type":"limit","max_list_cost":{"amount":"2500","currency":"USD"}}}: amount is whole US cents. */
    static Map<String, Object> budget(BigDecimal usd) {
        BigDecimal cents = usd.movePointRight(2).setScale(0, RoundingMode.DOWN); // a cap: never round up
        if (cents.signum() <= 0) {
            throw new IllegalArgumentException("a budget must be at least one cent");
        }
        return Map.of("type", "limit", "max_list_cost", Map.of("amount", cents.toPlainString(), "currency", "USD"));
    }

    static Optional<BigDecimal> budgetUsd(JsonNode budget) {
        JsonNode amount = budget.path("max_list_cost").path("amount");
        if (amount.isMissingNode() || amount.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(amount.asText()).movePointLeft(2));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<Instant> instant(JsonNode node, String field) {
        return text(node, field).flatMap(value -> {
            try {
                return Optional.of(OffsetDateTime.parse(value).toInstant());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }
}
