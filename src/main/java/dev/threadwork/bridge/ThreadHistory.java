package dev.threadwork.bridge;

import java.util.List;
import java.util.Optional;

/** Earlier messages of a Slack thread, for a session started in the middle of a conversation. */
public interface ThreadHistory {

    /**
     * A message of the thread.
     *
     * @param userId the Slack user who wrote it; empty for webhooks and apps posting without one
     * @param author the user's display name, or the free-form name a webhook or app posted under
     * @param bot    posted by a bot, an app or an incoming webhook
     */
    record Entry(String ts, Optional<String> userId, String author, String text, boolean bot) {

        /** A person's message. */
        public Entry(String ts, String userId, String author, String text) {
            this(ts, Optional.of(userId), author, text, false);
        }
    }

    /** The thread's messages strictly before {@code beforeTs}, oldest first. */
    List<Entry> before(ThreadKey thread, String beforeTs);
}
