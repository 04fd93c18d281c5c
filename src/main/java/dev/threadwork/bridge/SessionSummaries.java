package dev.threadwork.bridge;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** What the renderer last saw of each session: for lists and status without calling the API. */
public interface SessionSummaries {

    record Summary(String status, BigDecimal costUsd, long inputTokens, long outputTokens, Instant updatedAt) {
    }

    Optional<Summary> summary(String sessionId);
}
