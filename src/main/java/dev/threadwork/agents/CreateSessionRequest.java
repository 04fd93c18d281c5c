package dev.threadwork.agents;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a new session starts with.
 *
 * @param title shown in the Console; may be null
 * @param budgetUsd optional hard spend cap in US dollars (sent as whole cents, rounded down; budgets cannot be
 *                  added after creation)
 */
public record CreateSessionRequest(String agentId, String environmentId, String title, Map<String, String> metadata,
                                   Optional<BigDecimal> budgetUsd) {
    public CreateSessionRequest {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(environmentId, "environmentId");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        budgetUsd = budgetUsd == null ? Optional.empty() : budgetUsd;
    }
}
