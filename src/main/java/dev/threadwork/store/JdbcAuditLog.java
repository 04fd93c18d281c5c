package dev.threadwork.store;

import dev.threadwork.bridge.AuditLog;
import java.util.List;
import java.util.Optional;

/** The audit trail in the {@code audit_log} table. */
public final class JdbcAuditLog implements AuditLog {

    private final Jdbc jdbc;

    public JdbcAuditLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(Entry e) {
        jdbc.update("INSERT INTO audit_log (at, team_id, channel_id, user_id, action, session_id, outcome, detail) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                e.at(), e.teamId(), e.channelId().orElse(null), e.userId(), e.action(), e.sessionId().orElse(null),
                e.outcome().name(), ThreadBindings.truncate(e.detail(), 500));
    }

    @Override
    public List<Entry> forSession(String sessionId) {
        return jdbc.query("SELECT * FROM audit_log WHERE session_id = ? ORDER BY id", row -> new Entry(
                Jdbc.instant(row, "at"), row.getString("team_id"), Optional.ofNullable(row.getString("channel_id")),
                row.getString("user_id"), row.getString("action"), Optional.ofNullable(row.getString("session_id")),
                Outcome.valueOf(row.getString("outcome")), row.getString("detail")), sessionId);
    }
}
