package dev.threadwork.agents;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * A partial update of a session; empty fields are left unchanged.
 *
 * @param budgetUsd a new spend cap in US dollars (raising it resumes a session paused at {@code budget_reached})
 * @param removeBudget remove the cap altogether (wins over {@code budgetUsd})
 */
public record UpdateSessionRequest(Optional<String> title, Optional<Map<String, String>> metadata,
                                   Optional<BigDecimal> budgetUsd, boolean removeBudget) {

    public static UpdateSessionRequest title(String title) {
        return new UpdateSessionRequest(Optional.of(title), Optional.empty(), Optional.empty(), false);
    }

    public static UpdateSessionRequest metadata(Map<String, String> metadata) {
        return new UpdateSessionRequest(Optional.empty(), Optional.of(Map.copyOf(metadata)), Optional.empty(), false);
    }

    public static UpdateSessionRequest budget(BigDecimal usd) {
        return new UpdateSessionRequest(Optional.empty(), Optional.empty(), Optional.of(usd), false);
    }

    public static UpdateSessionRequest noBudget() {
        return new UpdateSessionRequest(Optional.empty(), Optional.empty(), Optional.empty(), true);
    }
}
