package dev.threadwork.store;

import dev.threadwork.bridge.AuditLog;
import dev.threadwork.bridge.HomeData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Home tab viewers and the workspace figures of the Home tab; spend comes from the one ledger ({@link JdbcSpendLedger}). */
public final class JdbcHomeData implements HomeData {

    private final Jdbc jdbc;
    private final JdbcSpendLedger ledger;

    public JdbcHomeData(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.ledger = new JdbcSpendLedger(jdbc);
    }

    @Override
    public void opened(Person person, Instant at) {
        if (jdbc.update("UPDATE home_viewer SET opened_at = ? WHERE team_id = ? AND user_id = ?", at, person.teamId(),
                person.userId()) == 0) {
            jdbc.insertIfAbsent("INSERT INTO home_viewer (team_id, user_id, opened_at) VALUES (?, ?, ?)", person.teamId(),
                    person.userId(), at);
        }
    }

    @Override
    public List<Person> viewers(Instant since) {
        return jdbc.query("SELECT team_id, user_id FROM home_viewer WHERE opened_at > ?",
                row -> new Person(row.getString(1), row.getString(2)), since);
    }

    @Override
    public Set<Person> changedSince(Instant since) {
        return new LinkedHashSet<>(jdbc.query("SELECT DISTINCT b.team_id, b.started_by FROM thread_binding b "
                        + "LEFT JOIN render_state r ON r.session_id = b.session_id WHERE b.updated_at > ? OR r.updated_at > ?",
                row -> new Person(row.getString(1), row.getString(2)), since, since));
    }

    @Override
    public void bookSpend(Instant since, LocalDate day) {
        ledger.book(since, day);
    }

    @Override
    public Spend spendOf(Person person, LocalDate day) {
        LocalDate first = day.withDayOfMonth(1);
        return jdbc.queryOne("SELECT COALESCE(SUM(CASE WHEN spend_date = ? THEN cost_usd ELSE 0 END), 0), COALESCE(SUM(cost_usd), 0) "
                        + "FROM spend_day WHERE team_id = ? AND user_id = ? AND spend_date >= ? AND spend_date <= ?",
                row -> new Spend(row.getBigDecimal(1), row.getBigDecimal(2)), day, person.teamId(), person.userId(), first, day)
                .orElse(new Spend(BigDecimal.ZERO, BigDecimal.ZERO));
    }

    @Override
    public List<ChannelSpend> spendByChannel(String teamId, LocalDate day, int limit) {
        return jdbc.query("SELECT channel_id, SUM(cost_usd) AS month_usd FROM spend_day WHERE team_id = ? AND spend_date >= ? AND spend_date <= ? "
                        + "GROUP BY channel_id ORDER BY month_usd DESC LIMIT " + limit,
                row -> new ChannelSpend(row.getString(1), row.getBigDecimal(2)), teamId, day.withDayOfMonth(1), day);
    }

    @Override
    public List<AuditLog.Entry> recentAudit(String teamId, int limit) {
        return jdbc.query("SELECT * FROM audit_log WHERE team_id = ? ORDER BY id DESC LIMIT " + limit, row -> new AuditLog.Entry(
                Jdbc.instant(row, "at"), row.getString("team_id"), Optional.ofNullable(row.getString("channel_id")),
                row.getString("user_id"), row.getString("action"), Optional.ofNullable(row.getString("session_id")),
                AuditLog.Outcome.valueOf(row.getString("outcome")), row.getString("detail")), teamId);
    }
}
