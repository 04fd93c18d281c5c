package dev.threadwork.store;

import dev.threadwork.bridge.AssistantThreads;
import dev.threadwork.bridge.ThreadKey;
import java.time.Instant;
import java.util.Optional;

/** Assistant pane threads in the {@code assistant_thread} table. */
public final class JdbcAssistantThreads implements AssistantThreads {

    private final Jdbc jdbc;

    public JdbcAssistantThreads(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean started(ThreadKey thread, String userId, Optional<String> contextChannelId) {
        Instant now = Instant.now();
        return jdbc.insertIfAbsent("INSERT INTO assistant_thread (team_id, channel_id, thread_ts, user_id, context_channel_id, "
                        + "started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                thread.teamId(), thread.channelId(), thread.threadTs(), userId, contextChannelId.orElse(null), now, now);
    }

    @Override
    public void contextChanged(ThreadKey thread, String userId, Optional<String> contextChannelId) {
        int updated = jdbc.update("UPDATE assistant_thread SET context_channel_id = ?, updated_at = ? "
                        + "WHERE team_id = ? AND channel_id = ? AND thread_ts = ?",
                contextChannelId.orElse(null), Instant.now(), thread.teamId(), thread.channelId(), thread.threadTs());
        if (updated == 0 && !started(thread, userId, contextChannelId)) {
            contextChanged(thread, userId, contextChannelId); // inserted concurrently: update that row
        }
    }

    @Override
    public Optional<AssistantThread> find(ThreadKey thread) {
        return jdbc.queryOne("SELECT user_id, context_channel_id, told_channel_id FROM assistant_thread "
                        + "WHERE team_id = ? AND channel_id = ? AND thread_ts = ?",
                row -> new AssistantThread(thread, row.getString("user_id"),
                        Optional.ofNullable(row.getString("context_channel_id")),
                        Optional.ofNullable(row.getString("told_channel_id"))),
                thread.teamId(), thread.channelId(), thread.threadTs());
    }

    @Override
    public void told(ThreadKey thread, String channelId) {
        jdbc.update("UPDATE assistant_thread SET told_channel_id = ?, updated_at = ? WHERE team_id = ? AND channel_id = ? AND thread_ts = ?",
                channelId, Instant.now(), thread.teamId(), thread.channelId(), thread.threadTs());
    }
}
