package dev.threadwork.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import dev.threadwork.render.ThreadSearch;
import java.util.Optional;

/** Looks through a thread's messages (with their metadata) for a post of the bot's own. */
public final class SlackThreadSearch implements ThreadSearch {

    private static final int MAX_PAGES = 20;

    private final MethodsClient methods;

    public SlackThreadSearch(MethodsClient methods) {
        this.methods = methods;
    }

    @Override
    public Optional<String> findPosted(String channelId, String threadTs, String dedupeKey) {
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String pageCursor = cursor;
            ConversationsRepliesResponse response;
            try {
                response = methods.conversationsReplies(r -> r.channel(channelId).ts(threadTs).limit(200)
                        .includeAllMetadata(true).cursor(pageCursor));
            } catch (Exception e) {
                throw new IllegalStateException("conversations.replies failed: " + e.getClass().getSimpleName(), e);
            }
            if (!response.isOk()) {
                throw new IllegalStateException("conversations.replies answered " + response.getError());
            }
            for (Message message : response.getMessages()) {
                if (message.getMetadata() != null && message.getMetadata().getEventPayload() != null
                        && dedupeKey.equals(String.valueOf(message.getMetadata().getEventPayload().get("key")))) {
                    return Optional.of(message.getTs());
                }
            }
            cursor = response.getResponseMetadata() == null ? null : response.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isBlank()) {
                break;
            }
        }
        return Optional.empty();
    }
}
