package dev.threadwork.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import dev.threadwork.bridge.ThreadKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Thread links from {@code chat.getPermalink} (no scope needed; Tier 4), kept: a thread's permalink
 * never changes, so the Home tab asks once per thread, not once per refresh.
 */
public final class Permalinks {

    private static final Logger LOG = Logger.getLogger(Permalinks.class.getName());
    private static final int MAX_ENTRIES = 10_000;

    private final MethodsClient methods;
    private final Map<ThreadKey, String> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ThreadKey, String> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public Permalinks(MethodsClient methods) {
        this.methods = methods;
    }

    public Optional<String> of(ThreadKey thread) {
        synchronized (cache) {
            String known = cache.get(thread);
            if (known != null) {
                return Optional.of(known);
            }
        }
        try {
            ChatGetPermalinkResponse response = methods.chatGetPermalink(r -> r.channel(thread.channelId()).messageTs(thread.threadTs()));
            if (response.isOk() && response.getPermalink() != null) {
                synchronized (cache) {
                    cache.put(thread, response.getPermalink());
                }
                return Optional.of(response.getPermalink());
            }
            LOG.fine(() -> "chat.getPermalink answered " + response.getError() + " for " + thread);
        } catch (Exception e) {
            LOG.log(Level.FINE, "chat.getPermalink failed for " + thread + ": " + e.getClass().getSimpleName());
        }
        return Optional.empty();
    }
}
