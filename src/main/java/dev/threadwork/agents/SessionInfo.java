package dev.threadwork.agents;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A session as the API reports it.
 *
 * @param status the wire status ({@code idle}, {@code running}, {@code rescheduling}, {@code terminated}, or a newer one)
 * @param budgetUsd the spend cap in US dollars, when the session has one
 */
public record SessionInfo(String id, String status, Optional<String> title, Map<String, String> metadata,
                          Optional<String> agentId, Optional<String> environmentId, Optional<BigDecimal> budgetUsd,
                          Optional<Instant> createdAt, Optional<Instant> archivedAt) {
    public SessionInfo {
        metadata = Map.copyOf(metadata);
    }

    public boolean terminated() {
        return "terminated".equals(status);
    }
}
