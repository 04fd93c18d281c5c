package dev.threadwork.bridge;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** What sessions have cost, from what the renderer recorded of each (implemented in {@code store}). */
public interface SpendLedger {

    /** The cost so far of the sessions started in the workspace since {@code since}, by one person when given. */
    BigDecimal spentSince(String teamId, Optional<String> startedBy, Instant since);
}
