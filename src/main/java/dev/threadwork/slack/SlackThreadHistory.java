package dev.threadwork.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import dev.threadwork.bridge.People;
import dev.threadwork.bridge.ThreadHistory;
import dev.threadwork.bridge.ThreadKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A thread's earlier messages from {@code conversations.replies}, oldest first. */
public final class SlackThreadHistory implements ThreadHistory {

    private static final Logger LOG = Logger.getLogger(SlackThreadHistory.class.getName());
    private static final int MAX_PAGES = 10;

    private final MethodsClient methods;
    private final People people;

    public SlackThreadHistory(MethodsClient methods, People people) {
        this.methods = methods;
        this.people = people;
    }

    /** One Slack message as context: a person by user id, or a webhook or app under the name it posted with. */
    static Entry entry(Message message, String teamId, People people) {
        boolean bot = message.getBotId() != null || "bot_message".equals(message.getSubtype());
        String author = message.getUser() != null && !bot
                ? people.displayName(teamId, message.getUser())
                : message.getUsername() != null ? message.getUsername()
                : message.getBotProfile() != null && message.getBotProfile().getName() != null
                        ? message.getBotProfile().getName() : "an app";
        return new Entry(message.getTs(), Optional.ofNullable(message.getUser()), author, message.getText(), bot);
    }

    @Override
    public List<Entry> before(ThreadKey thread, String beforeTs) {
        List<Entry> entries = new ArrayList<>();
        String cursor = null;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                String pageCursor = cursor;
                ConversationsRepliesResponse response = methods.conversationsReplies(r -> r
                        .channel(thread.channelId()).ts(thread.threadTs()).limit(200).cursor(pageCursor));
                if (!response.isOk()) {
                    LOG.info(() -> "conversations.replies answered " + response.getError() + " for " + thread);
                    break;
                }
                for (Message message : response.getMessages()) {
                    if (new java.math.BigDecimal(message.getTs()).compareTo(new java.math.BigDecimal(beforeTs)) < 0
                            && message.getText() != null && !message.getText().isBlank()) {
                        entries.add(entry(message, thread.teamId(), people));
                    }
                }
                cursor = response.getResponseMetadata() == null ? null : response.getResponseMetadata().getNextCursor();
                if (cursor == null || cursor.isBlank()) {
                    break;
                }
            }
        } catch (Exception e) {
            LOG.log(Level.INFO, "Could not read the thread's earlier messages: " + e.getClass().getSimpleName());
        }
        entries.sort((a, b) -> new java.math.BigDecimal(a.ts()).compareTo(new java.math.BigDecimal(b.ts())));
        return entries;
    }
}
