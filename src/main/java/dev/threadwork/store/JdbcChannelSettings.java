package dev.threadwork.store;

import dev.threadwork.bridge.ChannelSettings;
import dev.threadwork.bridge.ChannelSettingsStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.stream.Collectors;

/** Channel settings in the {@code channel_settings} table. */
public final class JdbcChannelSettings implements ChannelSettingsStore {

    private final Jdbc jdbc;

    public JdbcChannelSettings(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ChannelSettings> find(String teamId, String channelId) {
        return jdbc.queryOne("SELECT * FROM channel_settings WHERE team_id = ? AND channel_id = ?",
                JdbcChannelSettings::map, teamId, channelId);
    }

    @Override
    public void save(ChannelSettings s) {
        jdbc.inTransaction(connection -> {
            Jdbc.update(connection, "DELETE FROM channel_settings WHERE team_id = ? AND channel_id = ?", s.teamId(), s.channelId());
            Jdbc.update(connection, "INSERT INTO channel_settings (team_id, channel_id, agent_id, environment_id, instructions, "
                            + "talk_policy, talk_allow_list, budget_usd, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    s.teamId(), s.channelId(), s.agentId().orElse(null), s.environmentId().orElse(null),
                    s.instructions().orElse(null), s.talkPolicy().name(), String.join(",", s.allowList()),
                    s.budgetUsd().orElse(null), s.updatedBy(), s.updatedAt());
            return null;
        });
    }

    private static ChannelSettings map(ResultSet row) throws SQLException {
        String allow = row.getString("talk_allow_list");
        return new ChannelSettings(
                row.getString("team_id"),
                row.getString("channel_id"),
                Optional.ofNullable(row.getString("agent_id")),
                Optional.ofNullable(row.getString("environment_id")),
                Optional.ofNullable(row.getString("instructions")),
                ChannelSettings.TalkPolicy.valueOf(row.getString("talk_policy")),
                allow == null || allow.isBlank() ? java.util.Set.of()
                        : Arrays.stream(allow.split(",")).collect(Collectors.toCollection(LinkedHashSet::new)),
                Optional.ofNullable(row.getBigDecimal("budget_usd")),
                row.getString("updated_by"),
                Jdbc.instant(row, "updated_at"));
    }
}
