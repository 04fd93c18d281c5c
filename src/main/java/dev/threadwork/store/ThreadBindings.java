package dev.threadwork.store;

import dev.threadwork.bridge.Binding;
import dev.threadwork.bridge.BindingStore;
import dev.threadwork.bridge.ThreadKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The thread ↔ session bindings. */
public final class ThreadBindings implements BindingStore {

    private static final String COLUMNS = "team_id, channel_id, thread_ts, session_id, trigger_ts, started_by, "
            + "agent_id, environment_id, title, state, previous_session_id, created_at";

    private final Jdbc jdbc;

    public ThreadBindings(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Binding> find(ThreadKey thread) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM thread_binding WHERE team_id = ? AND channel_id = ? AND thread_ts = ?",
                ThreadBindings::map, thread.teamId(), thread.channelId(), thread.threadTs());
    }

    @Override
    public Optional<Binding> findBySession(String sessionId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM thread_binding WHERE session_id = ?", ThreadBindings::map, sessionId);
    }

    /** Claims the thread for a new session; false when the thread already has a binding. */
    @Override
    public boolean create(Binding binding) {
        return jdbc.insertIfAbsent("INSERT INTO thread_binding (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    binding.thread().teamId(), binding.thread().channelId(), binding.thread().threadTs(),
                    binding.sessionId().orElse(null), binding.triggerTs(), binding.startedBy(), binding.agentId(),
                    binding.environmentId(), truncate(binding.title(), 256), binding.state().name(),
                    binding.previousSessionId().orElse(null), binding.createdAt(), Instant.now());
    }

    @Override
    public void attachSession(ThreadKey thread, String sessionId) {
        jdbc.update("UPDATE thread_binding SET session_id = ?, state = ?, updated_at = ? "
                        + "WHERE team_id = ? AND channel_id = ? AND thread_ts = ?",
                sessionId, Binding.State.ACTIVE.name(), Instant.now(),
                thread.teamId(), thread.channelId(), thread.threadTs());
    }

    @Override
    public void markEnded(String sessionId) {
        jdbc.update("UPDATE thread_binding SET state = ?, updated_at = ? WHERE session_id = ?",
                Binding.State.ENDED.name(), Instant.now(), sessionId);
    }

    @Override
    public void abandonStart(ThreadKey thread) {
        jdbc.update("UPDATE thread_binding SET state = ?, updated_at = ? "
                        + "WHERE team_id = ? AND channel_id = ? AND thread_ts = ? AND session_id IS NULL",
                Binding.State.ENDED.name(), Instant.now(), thread.teamId(), thread.channelId(), thread.threadTs());
    }

    /** Rebinds an ended thread to a fresh session request, remembering the old session. */
    @Override
    public void restart(ThreadKey thread, String startedBy, String agentId, String environmentId) {
        jdbc.update("UPDATE thread_binding SET previous_session_id = COALESCE(session_id, previous_session_id), session_id = NULL, state = ?, "
                        + "started_by = ?, agent_id = ?, environment_id = ?, updated_at = ? "
                        + "WHERE team_id = ? AND channel_id = ? AND thread_ts = ?",
                Binding.State.CREATING.name(), startedBy, agentId, environmentId, Instant.now(),
                thread.teamId(), thread.channelId(), thread.threadTs());
    }

    @Override
    public List<Binding> inChannel(String teamId, String channelId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM thread_binding WHERE team_id = ? AND channel_id = ? "
                + "ORDER BY created_at DESC LIMIT " + limit, ThreadBindings::map, teamId, channelId);
    }

    @Override
    public List<Binding> startedBy(String teamId, String userId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM thread_binding WHERE team_id = ? AND started_by = ? "
                + "ORDER BY created_at DESC LIMIT " + limit, ThreadBindings::map, teamId, userId);
    }

    /** Bindings whose session may still produce events. */
    @Override
    public List<Binding> live() {
        return jdbc.query("SELECT " + COLUMNS + " FROM thread_binding WHERE state = ? AND session_id IS NOT NULL",
                ThreadBindings::map, Binding.State.ACTIVE.name());
    }

    private static Binding map(ResultSet row) throws SQLException {
        return new Binding(
                new ThreadKey(row.getString("team_id"), row.getString("channel_id"), row.getString("thread_ts")),
                Optional.ofNullable(row.getString("session_id")),
                row.getString("trigger_ts"),
                row.getString("started_by"),
                row.getString("agent_id"),
                row.getString("environment_id"),
                row.getString("title"),
                Binding.State.valueOf(row.getString("state")),
                Optional.ofNullable(row.getString("previous_session_id")),
                Jdbc.instant(row, "created_at"));
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
