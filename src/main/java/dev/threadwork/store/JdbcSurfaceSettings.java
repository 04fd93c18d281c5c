package dev.threadwork.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadwork.bridge.SuggestedPrompts;
import dev.threadwork.bridge.SurfaceSettingsStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Assistant pane settings in the {@code surface_settings} table; prompts as a JSON array. */
public final class JdbcSurfaceSettings implements SurfaceSettingsStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<SuggestedPrompts.Prompt>> PROMPTS = new TypeReference<>() {
    };

    private final Jdbc jdbc;

    public JdbcSurfaceSettings(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Entry> find(String teamId, String channelId) {
        return jdbc.queryOne("SELECT * FROM surface_settings WHERE team_id = ? AND channel_id = ?",
                JdbcSurfaceSettings::map, teamId, channelId);
    }

    @Override
    public void save(Entry e) {
        String prompts;
        try {
            prompts = e.prompts().isEmpty() ? null : JSON.writeValueAsString(e.prompts().get());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("prompts cannot be written", ex);
        }
        jdbc.inTransaction(connection -> {
            Jdbc.update(connection, "DELETE FROM surface_settings WHERE team_id = ? AND channel_id = ?", e.teamId(), e.channelId());
            Jdbc.update(connection, "INSERT INTO surface_settings (team_id, channel_id, prompts, share_history, updated_by, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)", e.teamId(), e.channelId(), prompts,
                    e.shareHistory().map(Enum::name).orElse(null), e.updatedBy(), e.updatedAt());
            return null;
        });
    }

    private static Entry map(ResultSet row) throws SQLException {
        String prompts = row.getString("prompts");
        String share = row.getString("share_history");
        try {
            return new Entry(row.getString("team_id"), row.getString("channel_id"),
                    prompts == null ? Optional.empty() : Optional.of(JSON.readValue(prompts, PROMPTS)),
                    share == null ? Optional.empty() : Optional.of(ShareHistory.valueOf(share)),
                    row.getString("updated_by"), Jdbc.instant(row, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable prompts in surface_settings", e);
        }
    }
}
