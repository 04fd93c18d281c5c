package dev.threadwork.store;

import dev.threadwork.render.RenderState;
import dev.threadwork.render.RenderStateStore;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Render states in the {@code render_state} table. */
public final class JdbcRenderStates implements RenderStateStore {

    private final Jdbc jdbc;

    public JdbcRenderStates(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<RenderState> find(String sessionId) {
        return jdbc.queryOne("SELECT * FROM render_state WHERE session_id = ?", JdbcRenderStates::map, sessionId);
    }

    @Override
    public void save(RenderState s) {
        Object[] values = {s.lastEventId().orElse(null), s.turnFirstEventId().orElse(null), s.answerTs().orElse(null),
                s.cardTs().orElse(null), s.pendingPostKey().orElse(null), s.lastStatus(), s.costUsd().setScale(6, java.math.RoundingMode.HALF_UP), s.inputTokens(),
                s.outputTokens(), s.live(), Instant.now(), s.sessionId()};
        int updated = jdbc.update("UPDATE render_state SET last_event_id = ?, turn_first_event_id = ?, answer_ts = ?, card_ts = ?, "
                + "pending_post_key = ?, last_status = ?, cost_usd = ?, input_tokens = ?, output_tokens = ?, live = ?, updated_at = ? "
                + "WHERE session_id = ?", values);
        if (updated == 0) {
            jdbc.update("INSERT INTO render_state (last_event_id, turn_first_event_id, answer_ts, card_ts, pending_post_key, "
                    + "last_status, cost_usd, input_tokens, output_tokens, live, updated_at, session_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    @Override
    public List<String> liveSessions() {
        return jdbc.query("SELECT session_id FROM render_state WHERE live = TRUE ORDER BY updated_at", row -> row.getString(1));
    }

    @Override
    public Optional<Summary> summary(String sessionId) {
        return jdbc.queryOne("SELECT last_status, cost_usd, input_tokens, output_tokens, updated_at FROM render_state "
                + "WHERE session_id = ?", row -> new Summary(
                row.getString("last_status") == null ? "starting" : row.getString("last_status"),
                row.getBigDecimal("cost_usd") == null ? BigDecimal.ZERO : row.getBigDecimal("cost_usd"),
                row.getLong("input_tokens"), row.getLong("output_tokens"), Jdbc.instant(row, "updated_at")), sessionId);
    }

    private static RenderState map(ResultSet row) throws SQLException {
        return new RenderState(
                row.getString("session_id"),
                Optional.ofNullable(row.getString("last_event_id")),
                Optional.ofNullable(row.getString("turn_first_event_id")),
                Optional.ofNullable(row.getString("answer_ts")),
                Optional.ofNullable(row.getString("card_ts")),
                Optional.ofNullable(row.getString("pending_post_key")),
                row.getString("last_status") == null ? "starting" : row.getString("last_status"),
                row.getBigDecimal("cost_usd") == null ? BigDecimal.ZERO : row.getBigDecimal("cost_usd"),
                row.getLong("input_tokens"),
                row.getLong("output_tokens"),
                row.getBoolean("live"));
    }
}
