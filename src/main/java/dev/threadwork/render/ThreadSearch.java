package dev.threadwork.render;

import java.util.Optional;

/** Finds a message the bot posted earlier, by the key in its metadata (for crash recovery). */
public interface ThreadSearch {

    Optional<String> findPosted(String channelId, String threadTs, String dedupeKey);
}
