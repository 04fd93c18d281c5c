package dev.threadwork.bridge;

import java.util.List;
import java.util.Optional;

/** What Slack says about a conversation and its recent messages (implemented in {@code slack}). */
public interface ChannelDirectory {

    /**
     * @param direct a direct message or group DM rather than a channel
     * @param member the bot is in it, so it can read its messages
     */
    record ChannelInfo(String id, String name, boolean isPrivate, boolean direct, boolean member) {
    }

    Optional<ChannelInfo> info(String teamId, String channelId);

    /** The channel's most recent top-level messages, oldest first, authors resolved; empty when unreadable. */
    List<ThreadHistory.Entry> recent(String teamId, String channelId, int limit);
}
