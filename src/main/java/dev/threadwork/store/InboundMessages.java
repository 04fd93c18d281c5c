package dev.threadwork.store;

import dev.threadwork.bridge.InboundMessage;
import dev.threadwork.bridge.OutboxStore;
import dev.threadwork.bridge.ThreadKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The inbound outbox: Slack messages stored before the ack, delivered to sessions in order. */
public final class InboundMessages implements OutboxStore {

    private static final String COLUMNS = "id, dedupe_key, team_id, channel_id, thread_ts, message_ts, user_id, kind, "
            + "text, state, attempts, next_attempt_at, sent_text, received_at";

    private final Jdbc jdbc;

    public InboundMessages(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a message unless one with the same key is already stored (Slack retries, or the same
     * message delivered both as {@code app_mention} and {@code message}).
     *
     * @return whether it was new
     */
    @Override
    public boolean insertIfNew(String dedupeKey, ThreadKey thread, String messageTs, String userId,
                               InboundMessage.Kind kind, String text) {
        return insert(dedupeKey, thread, messageTs, userId, kind, text, InboundMessage.State.PENDING);
    }

    @Override
    public boolean claimControl(String dedupeKey, ThreadKey thread, String messageTs, String userId, String text) {
        return insert(dedupeKey, thread, messageTs, userId, InboundMessage.Kind.CONTROL, text, InboundMessage.State.DELIVERED);
    }

    private boolean insert(String dedupeKey, ThreadKey thread, String messageTs, String userId,
                           InboundMessage.Kind kind, String text, InboundMessage.State state) {
        Instant now = Instant.now();
        return jdbc.insertIfAbsent("INSERT INTO inbound_message (dedupe_key, team_id, channel_id, thread_ts, message_ts, user_id, kind, "
                            + "text, state, attempts, next_attempt_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                    dedupeKey, thread.teamId(), thread.channelId(), thread.threadTs(), messageTs, userId, kind.name(),
                    text, state.name(), now, now);
    }

    /**
     * The oldest undelivered message of each thread whose turn has come, oldest threads first.
     * Only the head of a thread is returned, so a thread's messages go out strictly in order.
     */
    @Override
    public List<InboundMessage> dueHeads(Instant now, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM inbound_message m WHERE m.id IN ("
                        + "SELECT MIN(id) FROM inbound_message WHERE state IN ('PENDING', 'SENDING') "
                        + "GROUP BY team_id, channel_id, thread_ts) AND m.next_attempt_at <= ? ORDER BY m.id LIMIT " + limit,
                InboundMessages::map, now);
    }

    @Override
    public Optional<InboundMessage> find(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM inbound_message WHERE id = ?", InboundMessages::map, id);
    }

    @Override
    public Optional<InboundMessage> findByDedupeKey(String dedupeKey) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM inbound_message WHERE dedupe_key = ?", InboundMessages::map, dedupeKey);
    }

    /** Records the exact text about to be sent: from here on a crash leaves the send uncertain. */
    @Override
    public void markSending(long id, String sentText) {
        jdbc.update("UPDATE inbound_message SET state = 'SENDING', sent_text = ? WHERE id = ?",
                sentText, id);
    }

    @Override
    public void markDelivered(long id) {
        jdbc.update("UPDATE inbound_message SET state = 'DELIVERED', delivered_at = ?, last_error = NULL WHERE id = ?",
                Instant.now(), id);
    }

    /** Puts a message back to wait and counts the failed attempt. */
    @Override
    public void retryLater(long id, Instant at, String error) {
        jdbc.update("UPDATE inbound_message SET state = 'PENDING', attempts = attempts + 1, next_attempt_at = ?, "
                        + "last_error = ? WHERE id = ?",
                at, ThreadBindings.truncate(error, 500), id);
    }

    @Override
    public void markFailed(long id, String error) {
        jdbc.update("UPDATE inbound_message SET state = 'FAILED', last_error = ? WHERE id = ?",
                ThreadBindings.truncate(error, 500), id);
    }

    /** Undelivered messages of every thread: what a graceful stop waits for. */
    @Override
    public int undeliveredCount() {
        return jdbc.queryOne("SELECT COUNT(*) FROM inbound_message WHERE state IN ('PENDING', 'SENDING')",
                row -> row.getInt(1)).orElse(0);
    }

    private static InboundMessage map(ResultSet row) throws SQLException {
        return new InboundMessage(
                row.getLong("id"),
                row.getString("dedupe_key"),
                new ThreadKey(row.getString("team_id"), row.getString("channel_id"), row.getString("thread_ts")),
                row.getString("message_ts"),
                row.getString("user_id"),
                InboundMessage.Kind.valueOf(row.getString("kind")),
                row.getString("text"),
                InboundMessage.State.valueOf(row.getString("state")),
                row.getInt("attempts"),
                Jdbc.instant(row, "next_attempt_at"),
                Optional.ofNullable(row.getString("sent_text")),
                Jdbc.instant(row, "received_at"));
    }
}
