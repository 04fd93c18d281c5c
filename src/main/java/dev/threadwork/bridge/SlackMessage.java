package dev.threadwork.bridge;

import java.util.Optional;

/**
 * A message as it arrived from Slack, reduced to what the bridge decides on.
 *
 * @param direct      a direct message to the bot (an IM, including the assistant pane)
 * @param mentionsBot the text @-mentions the bot
 * @param fromBot     posted by a bot (our own included) or an app
 * @param subtype     Slack's message subtype (edits, joins, deletions…), empty for plain messages
 * @param files       files shared with the message ({@code subtype: file_share}), empty otherwise
 */
public record SlackMessage(
        String teamId,
        String channelId,
        String userId,
        String ts,
        Optional<String> threadTs,
        String text,
        boolean direct,
        boolean mentionsBot,
        boolean fromBot,
        Optional<String> subtype,
        java.util.List<SharedFile> files) {

    public SlackMessage {
        files = files == null ? java.util.List.of() : java.util.List.copyOf(files);
    }

    public SlackMessage(String teamId, String channelId, String userId, String ts, Optional<String> threadTs, String text,
                        boolean direct, boolean mentionsBot, boolean fromBot, Optional<String> subtype) {
        this(teamId, channelId, userId, ts, threadTs, text, direct, mentionsBot, fromBot, subtype, java.util.List.of());
    }

    /** A file a person shared with a message, as Slack describes it (downloading it is the files feature's job). */
    public record SharedFile(String id, String name, String mimetype, long size, Optional<String> urlPrivateDownload) {
    }

    /** The thread this message belongs to; a top-level message starts its own thread. */
    public ThreadKey thread() {
        return new ThreadKey(teamId, channelId, threadTs.orElse(ts));
    }

    /** Slack message identity: the same message seen twice (a retry, or as both a mention and a message). */
    public String dedupeKey() {
        return teamId + ":" + channelId + ":" + ts;
    }

    public boolean topLevel() {
        return threadTs.isEmpty() || threadTs.get().equals(ts);
    }
}
