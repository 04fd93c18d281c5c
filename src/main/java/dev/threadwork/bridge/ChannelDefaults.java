package dev.threadwork.bridge;

import java.util.Optional;

/** A channel's settings over the configured defaults. */
public final class ChannelDefaults implements SessionDefaults {

    private final ChannelSettingsStore settings;
    private final String defaultAgentId;
    private final String defaultEnvironmentId;

    public ChannelDefaults(ChannelSettingsStore settings, String defaultAgentId, String defaultEnvironmentId) {
        this.settings = settings;
        this.defaultAgentId = defaultAgentId;
        this.defaultEnvironmentId = defaultEnvironmentId;
    }

    @Override
    public Choice forChannel(String teamId, String channelId) {
        Optional<ChannelSettings> channel = settings.find(teamId, channelId);
        return new Choice(
                channel.flatMap(ChannelSettings::agentId).orElse(defaultAgentId),
                channel.flatMap(ChannelSettings::environmentId).orElse(defaultEnvironmentId),
                channel.flatMap(ChannelSettings::instructions),
                channel.flatMap(ChannelSettings::budgetUsd));
    }
}
