package dev.threadwork.bridge;

import java.util.Optional;

/** Per-channel settings (implemented in {@code store}). */
public interface ChannelSettingsStore {

    Optional<ChannelSettings> find(String teamId, String channelId);

    void save(ChannelSettings settings);
}
