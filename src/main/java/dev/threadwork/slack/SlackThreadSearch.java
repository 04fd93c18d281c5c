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
        return scan(channelId, threadTs, message -> message.getMetadata() != null && message.getMetadata().getEventPayload() != null
                && dedupeKey.equals(String.valueOf(message.getMetadata().getEventPayload().get("key")))
                ? Optional.of(message.getTs()) : Optional.empty());
    }

    @Override
    public Optional<String> findFile(String channelId, String threadTs, String filename) {
        return scan(channelId, threadTs, message -> message.getFiles() == null ? Optional.empty()
                : message.getFiles().stream().filter(f -> filename.equals(f.getName()) || filename.equals(f.getTitle()))
                        .map(f -> f.getId()).findFirst());
    }

    private Optional<String> scan(String channelId, String threadTs, java.util.function.Function<Message, Optional<String>> match) {
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
                Optional<String> found = match.apply(message);
                if (found.isPresent()) {
                    return found;
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
