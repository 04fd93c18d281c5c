package dev.threadwork.bridge;

import java.util.List;

/** Earlier messages of a Slack thread, for a session started in the middle of a conversation. */
public interface ThreadHistory {

    /** A message of the thread, with its author resolved. */
    record Entry(String ts, String author, String text) {
    }

    /** The thread's messages strictly before {@code beforeTs}, oldest first. */
    List<Entry> before(ThreadKey thread, String beforeTs);
}
