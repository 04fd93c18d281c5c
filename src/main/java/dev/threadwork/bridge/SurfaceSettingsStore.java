package dev.threadwork.bridge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Assistant pane settings per channel, and for the whole workspace under {@link #WORKSPACE} (implemented in {@code store}). */
public interface SurfaceSettingsStore {

    /** The channel id under which the workspace's own choice is kept. */
    String WORKSPACE = "*";

    /** Whether the recent messages of the channel a user has open may go to the agent. */
    enum ShareHistory { ON, OFF }

    /** Empty values fall back: channel, then workspace, then built-in. */
    record Entry(String teamId, String channelId, Optional<List<SuggestedPrompts.Prompt>> prompts,
                 Optional<ShareHistory> shareHistory, String updatedBy, Instant updatedAt) {

        public static Entry empty(String teamId, String channelId) {
            return new Entry(teamId, channelId, Optional.empty(), Optional.empty(), "", Instant.EPOCH);
        }
    }

    Optional<Entry> find(String teamId, String channelId);

    void save(Entry entry);
}
