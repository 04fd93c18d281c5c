package dev.threadwork.store;

import dev.threadwork.bridge.InboundFileStore;
import dev.threadwork.bridge.SlackMessage;
import java.util.List;
import java.util.Optional;

/** The files of inbound messages, by the message's outbox key (table {@code inbound_file}). */
public final class JdbcInboundFiles implements InboundFileStore {

    private final Jdbc jdbc;

    public JdbcInboundFiles(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(String dedupeKey, List<SlackMessage.SharedFile> files) {
        try {
            insertAll(dedupeKey, files);
        } catch (StoreException e) {
            if (!(e.getCause() instanceof java.sql.SQLException sql && Jdbc.isDuplicateKey(sql))) {
                throw e;
            }
            // the same message arrived twice at once (app_mention and message): the other recorded them
        }
    }

    private void insertAll(String dedupeKey, List<SlackMessage.SharedFile> files) {
        jdbc.inTransaction(connection -> {
            boolean known = !Jdbc.query(connection, "SELECT position FROM inbound_file WHERE dedupe_key = ?",
                    row -> row.getInt(1), dedupeKey).isEmpty();
            if (known) {
                return null; // a redelivery: the first one recorded them
            }
            for (int i = 0; i < files.size(); i++) {
                SlackMessage.SharedFile f = files.get(i);
                Jdbc.update(connection, "INSERT INTO inbound_file (dedupe_key, position, slack_file_id, name, mime_type, "
                                + "size_bytes, download_url) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        dedupeKey, i, f.id(), f.name() == null || f.name().isBlank() ? f.id() : f.name(),
                        f.mimetype() == null || f.mimetype().isBlank() ? "application/octet-stream" : f.mimetype(), f.size(),
                        f.urlPrivateDownload().orElse(null));
            }
            return null;
        });
    }

    @Override
    public List<SlackMessage.SharedFile> forMessage(String dedupeKey) {
        return jdbc.query("SELECT slack_file_id, name, mime_type, size_bytes, download_url FROM inbound_file "
                        + "WHERE dedupe_key = ? ORDER BY position",
                row -> new SlackMessage.SharedFile(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        Optional.ofNullable(row.getString(5))), dedupeKey);
    }
}
