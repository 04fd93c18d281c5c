package dev.threadwork.store;

import dev.threadwork.bridge.SpendLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Spend from the cost the renderer recorded for each session ({@code render_state.cost_usd}). */
public final class JdbcSpendLedger implements SpendLedger {

    private final Jdbc jdbc;

    public JdbcSpendLedger(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public BigDecimal spentSince(String teamId, Optional<String> startedBy, Instant since) {
        String sql = "SELECT COALESCE(SUM(r.cost_usd), 0) FROM render_state r JOIN thread_binding b ON b.session_id = r.session_id"
                + " WHERE b.team_id = ? AND b.created_at >= ?" + (startedBy.isPresent() ? " AND b.started_by = ?" : "");
        Object[] params = startedBy.isPresent() ? new Object[] {teamId, since, startedBy.get()} : new Object[] {teamId, since};
        return jdbc.queryOne(sql, row -> row.getBigDecimal(1), params).orElse(BigDecimal.ZERO);
    }
}
