package dev.threadwork.bridge;

/** Posts a new top-level message as the bot (for {@code /agent new}); returns its ts. */
public interface SlackPoster {

    String postRoot(String channelId, String text);

    /** A permalink to a thread, for lists; falls back to a plain reference when Slack gives none. */
    String permalink(String channelId, String ts);
}
