package dev.threadwork.bridge;

import java.util.List;

/** The assistant pane's effective settings for a channel: its own, else the workspace's, else built-in. */
public final class SurfaceSettings {

    private final SurfaceSettingsStore store;

    public SurfaceSettings(SurfaceSettingsStore store) {
        this.store = store;
    }

    /** The prompts for a pane opened beside {@code channelId} (empty: no channel in view). */
    public List<SuggestedPrompts.Prompt> promptsFor(String teamId, java.util.Optional<String> channelId) {
        return channelId.flatMap(channel -> store.find(teamId, channel)).flatMap(SurfaceSettingsStore.Entry::prompts)
                .or(() -> store.find(teamId, SurfaceSettingsStore.WORKSPACE).flatMap(SurfaceSettingsStore.Entry::prompts))
                .orElse(SuggestedPrompts.DEFAULTS);
    }

    /**
     * Whether the channel's recent messages may go to the agent. Unless an admin decided otherwise
     * for the channel or the workspace, public channels share and private ones do not.
     */
    public boolean sharesHistory(String teamId, String channelId, boolean privateChannel) {
        return store.find(teamId, channelId).flatMap(SurfaceSettingsStore.Entry::shareHistory)
                .or(() -> store.find(teamId, SurfaceSettingsStore.WORKSPACE).flatMap(SurfaceSettingsStore.Entry::shareHistory))
                .map(choice -> choice == SurfaceSettingsStore.ShareHistory.ON)
                .orElse(!privateChannel);
    }
}
