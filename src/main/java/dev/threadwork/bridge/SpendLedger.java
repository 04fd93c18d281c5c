package dev.threadwork.bridge;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** What sessions have cost, booked per UTC day from what the renderer recorded of each (implemented in {@code store}). */
public interface SpendLedger {

    /** What the workspace's sessions (those started by one person, when given) cost on the UTC days from {@code since} on. */
    BigDecimal spentSince(String teamId, Optional<String> startedBy, Instant since);
}
