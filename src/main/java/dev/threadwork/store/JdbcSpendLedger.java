package dev.threadwork.store;

import dev.threadwork.bridge.SpendLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The one spend ledger: each session's cost growth (what the renderer recorded in
 * {@code render_state.cost_usd}) is booked once, on the UTC day it was seen, to the person who
 * started the session and its channel ({@code spend_day}). The Home tab and the daily caps read it.
 */
public final class JdbcSpendLedger implements SpendLedger {

    private final Jdbc jdbc;

    public JdbcSpendLedger(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Books what is not booked yet first, so a cap sees the cost of a turn that just ended. */
    @Override
    public BigDecimal spentSince(String teamId, Optional<String> userId, Instant since) {
        LocalDate from = LocalDate.ofInstant(since, ZoneOffset.UTC);
        book(since, LocalDate.now(ZoneOffset.UTC));
        String sql = "SELECT COALESCE(SUM(cost_usd), 0) FROM spend_day WHERE team_id = ? AND spend_date >= ?"
                + (userId.isPresent() ? " AND user_id = ?" : "");
        Object[] params = userId.isPresent() ? new Object[] {teamId, from, userId.get()} : new Object[] {teamId, from};
        return jdbc.queryOne(sql, row -> row.getBigDecimal(1), params).orElse(BigDecimal.ZERO);
    }

    private record Growth(String sessionId, BigDecimal cost, String teamId, String userId, String channelId,
                          Optional<BigDecimal> counted) {
    }

    /** Books each session's cost growth seen after {@code since} on {@code day}, once across all instances. */
    void book(Instant since, LocalDate day) {
        List<Growth> grown = jdbc.query("SELECT r.session_id, r.cost_usd, b.team_id, b.started_by, b.channel_id, s.counted_usd "
                        + "FROM render_state r JOIN thread_binding b ON b.session_id = r.session_id "
                        + "LEFT JOIN session_spend s ON s.session_id = r.session_id "
                        + "WHERE r.updated_at > ? AND r.cost_usd IS NOT NULL AND (s.counted_usd IS NULL OR r.cost_usd > s.counted_usd)",
                row -> new Growth(row.getString(1), row.getBigDecimal(2), row.getString(3), row.getString(4), row.getString(5),
                        Optional.ofNullable(row.getBigDecimal(6))), since);
        for (Growth growth : grown) {
            try {
                book(growth, day);
            } catch (StoreException raced) {
                // another instance booked it (or inserted the day's row) first; the next pass sees what is left
            }
        }
    }

    /** Compare-and-set on the counted amount, so each cent is booked once whichever instance sees it. */
    private void book(Growth growth, LocalDate day) {
        jdbc.inTransaction(connection -> {
            int claimed = growth.counted().isEmpty()
                    ? Jdbc.update(connection, "INSERT INTO session_spend (session_id, counted_usd) VALUES (?, ?)",
                            growth.sessionId(), growth.cost())
                    : Jdbc.update(connection, "UPDATE session_spend SET counted_usd = ? WHERE session_id = ? AND counted_usd = ?",
                            growth.cost(), growth.sessionId(), growth.counted().get());
            if (claimed == 0) {
                return null;
            }
            BigDecimal delta = growth.cost().subtract(growth.counted().orElse(BigDecimal.ZERO));
            if (Jdbc.update(connection, "UPDATE spend_day SET cost_usd = cost_usd + ? WHERE team_id = ? AND user_id = ? "
                    + "AND channel_id = ? AND spend_date = ?", delta, growth.teamId(), growth.userId(), growth.channelId(), day) == 0) {
                Jdbc.update(connection, "INSERT INTO spend_day (team_id, user_id, channel_id, spend_date, cost_usd) VALUES (?, ?, ?, ?, ?)",
                        growth.teamId(), growth.userId(), growth.channelId(), day, delta);
            }
            return null;
        });
    }

}
