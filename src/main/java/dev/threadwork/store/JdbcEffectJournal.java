package dev.threadwork.store;

import dev.threadwork.bridge.EffectJournal;
import dev.threadwork.bridge.ThreadKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The effect journal in the {@code effect} table (plain SQL that H2 and PostgreSQL both run). */
public final class JdbcEffectJournal implements EffectJournal {

    private static final int MAX_RESULT = 4_000;

    private final Jdbc jdbc;
    private final Clock clock;

    public JdbcEffectJournal(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Effect begin(String key, String kind, Optional<ThreadKey> thread, Optional<String> sessionId, long epoch) {
        long now = clock.millis();
        boolean fresh = jdbc.insertIfAbsent("INSERT INTO effect (effect_key, kind, team_id, channel_id, thread_ts, session_id, "
                        + "state, result, epoch, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, 1, ?, ?)",
                key, kind, thread.map(ThreadKey::teamId).orElse(null), thread.map(ThreadKey::channelId).orElse(null),
                thread.map(ThreadKey::threadTs).orElse(null), sessionId.orElse(null), State.INTENT.name(), epoch, now, now);
        if (!fresh) {
            // Resumed by a restart or a retry: count it, and keep the newer epoch and session id.
            jdbc.update("UPDATE effect SET attempts = attempts + 1, epoch = ?, session_id = COALESCE(session_id, ?), updated_at = ? "
                    + "WHERE effect_key = ? AND state <> ?", epoch, sessionId.orElse(null), now, key, State.DONE.name());
        }
        return find(key).orElseThrow(() -> new IllegalStateException("effect " + key + " vanished while it was begun"));
    }

    @Override
    public void done(String key, String result) {
        jdbc.update("UPDATE effect SET state = ?, result = ?, updated_at = ? WHERE effect_key = ? AND state <> ?",
                State.DONE.name(), clip(result), clock.millis(), key, State.DONE.name());
    }

    @Override
    public void unknown(String key, String error) {
        jdbc.update("UPDATE effect SET state = ?, result = ?, updated_at = ? WHERE effect_key = ? AND state <> ?",
                State.UNKNOWN.name(), clip(error), clock.millis(), key, State.DONE.name());
    }

    @Override
    public void abandon(String key) {
        jdbc.update("DELETE FROM effect WHERE effect_key = ? AND state <> ?", key, State.DONE.name());
    }

    @Override
    public Optional<Effect> find(String key) {
        return jdbc.queryOne("SELECT * FROM effect WHERE effect_key = ?", JdbcEffectJournal::map, key);
    }

    @Override
    public List<Effect> pending(Instant before, int limit) {
        return jdbc.query("SELECT * FROM effect WHERE state IN (?, ?) AND updated_at < ? ORDER BY updated_at, effect_key "
                        + "FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                JdbcEffectJournal::map, State.INTENT.name(), State.UNKNOWN.name(), before.toEpochMilli());
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_RESULT ? text : text.substring(0, MAX_RESULT);
    }

    private static Effect map(ResultSet row) throws SQLException {
        String team = row.getString("team_id");
        Optional<ThreadKey> thread = team == null ? Optional.empty()
                : Optional.of(new ThreadKey(team, row.getString("channel_id"), row.getString("thread_ts")));
        return new Effect(row.getString("effect_key"), row.getString("kind"), thread,
                Optional.ofNullable(row.getString("session_id")), State.valueOf(row.getString("state")),
                Optional.ofNullable(row.getString("result")), row.getLong("epoch"), row.getInt("attempts"),
                Instant.ofEpochMilli(row.getLong("updated_at")));
    }
}
