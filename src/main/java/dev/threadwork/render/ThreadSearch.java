package dev.threadwork.render;

import java.util.Optional;

/** Finds a message the bot posted earlier, by the key in its metadata (for crash recovery). */
public interface ThreadSearch {

    Optional<String> findPosted(String channelId, String threadTs, String dedupeKey);

    /** Finds a file the bot uploaded into the thread, by its file name; returns the file id. */
    default Optional<String> findFile(String channelId, String threadTs, String filename) {
        return Optional.empty();
    }
}
