package dev.threadwork.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.Message;
import dev.threadwork.bridge.ChannelDirectory;
import dev.threadwork.bridge.People;
import dev.threadwork.bridge.ThreadHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Channel facts from {@code conversations.info} (cached briefly) and recent messages from
 * {@code conversations.history} (scopes {@code channels:read}/{@code groups:read} and
 * {@code channels:history}/{@code groups:history}; the bot must be in the channel).
 */
public final class SlackChannelDirectory implements ChannelDirectory {

    private static final Logger LOG = Logger.getLogger(SlackChannelDirectory.class.getName());
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 2_000;
    /** Subtypes that are still a person (or app) saying something in the channel. */
    private static final Set<String> SPOKEN = Set.of("thread_broadcast", "file_share", "bot_message", "me_message");

    private record Cached(ChannelInfo info, Instant until) {
    }

    private final MethodsClient methods;
    private final People people;
    private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public SlackChannelDirectory(MethodsClient methods, People people) {
        this.methods = methods;
        this.people = people;
    }

    @Override
    public Optional<ChannelInfo> info(String teamId, String channelId) {
        String key = teamId + ":" + channelId;
        synchronized (cache) {
            Cached cached = cache.get(key);
            if (cached != null && cached.until().isAfter(Instant.now())) {
                return Optional.of(cached.info());
            }
        }
        try {
            ConversationsInfoResponse response = methods.conversationsInfo(r -> r.channel(channelId));
            if (!response.isOk() || response.getChannel() == null) {
                LOG.fine(() -> "conversations.info answered " + response.getError() + " for " + channelId);
                return Optional.empty();
            }
            Conversation c = response.getChannel();
            ChannelInfo info = new ChannelInfo(channelId, c.getName() == null ? channelId : c.getName(),
                    c.isPrivate() || c.isGroup(), c.isIm() || c.isMpim(), c.isMember());
            synchronized (cache) {
                cache.put(key, new Cached(info, Instant.now().plus(TTL)));
            }
            return Optional.of(info);
        } catch (Exception e) {
            LOG.log(Level.INFO, "Could not look up channel " + channelId + ": " + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public List<ThreadHistory.Entry> recent(String teamId, String channelId, int limit) {
        List<ThreadHistory.Entry> entries = new ArrayList<>();
        try {
            ConversationsHistoryResponse response = methods.conversationsHistory(r -> r.channel(channelId).limit(limit));
            if (!response.isOk()) {
                LOG.info(() -> "conversations.history answered " + response.getError() + " for " + channelId);
                return List.of();
            }
            for (Message message : response.getMessages()) { // newest first
                if ((message.getSubtype() != null && !SPOKEN.contains(message.getSubtype()))
                        || message.getText() == null || message.getText().isBlank()) {
                    continue;
                }
                entries.addFirst(SlackThreadHistory.entry(message, teamId, people));
            }
        } catch (Exception e) {
            LOG.log(Level.INFO, "Could not read the recent messages of " + channelId + ": " + e.getClass().getSimpleName());
        }
        return entries;
    }
}
