package dev.threadwork.bridge;

/** A Slack thread: the root message's {@code ts} in a channel of a workspace. */
public record ThreadKey(String teamId, String channelId, String threadTs) {

    @Override
    public String toString() {
        return teamId + "/" + channelId + "/" + threadTs;
    }
}
