package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Renders workspace messages the way Slack's message objects look (the SDK's com.slack.api.model.Message). */
final class MessageJson {

    /** Marks a seeded webhook message (see {@link FakeSlack#seedWebhookMessage}); never rendered as metadata. */
    static final String WEBHOOK_MARKER = "fake_webhook_message";

    private final ObjectMapper json;
    private final BotIdentity bot;

    MessageJson(ObjectMapper json, BotIdentity bot) {
        this.json = json;
        this.bot = bot;
    }

    ObjectNode render(FakeMessage m, List<Reaction> reactions, List<FakeMessage> replies) {
        return render(m, reactions, replies, false);
    }

    /** @param includeMetadata the request asked for {@code include_all_metadata=true} */
    ObjectNode render(FakeMessage m, List<Reaction> reactions, List<FakeMessage> replies, boolean includeMetadata) {
        ObjectNode node = json.createObjectNode();
        node.put("type", "message");
        node.put("user", m.user());
        boolean webhook = m.metadataEventType().filter(WEBHOOK_MARKER::equals).isPresent();
        if (webhook) {
            // An incoming webhook: no user, a bot id, and whatever name the sender chose.
            node.put("subtype", "bot_message").put("bot_id", m.botId())
                    .put("username", m.metadata().orElseThrow().path("event_payload").path("username").asText());
        } else if (m.fromBot()) {
            node.put("bot_id", m.botId());
            node.put("app_id", bot.appId());
            node.putObject("bot_profile").put("id", m.botId()).put("app_id", bot.appId())
                    .put("name", bot.botName()).put("team_id", bot.teamId()).put("deleted", false);
        }
        node.put("team", bot.teamId());
        node.put("text", m.text() == null ? "" : m.text());
        node.put("ts", m.ts());
        if (m.threadTs() != null) {
            node.put("thread_ts", m.threadTs());
        }
        if (m.updateCount() > 0 && m.streamState() == FakeMessage.StreamState.NOT_STREAMED) {
            node.putObject("edited").put("user", m.user()).put("ts", m.ts());
        }
        JsonNode blocks = parseOrNull(m.blocksJson());
        if (blocks != null) {
            node.set("blocks", blocks);
        }
        if (includeMetadata && !webhook) {
            m.metadata().ifPresent(metadata -> node.set("metadata", metadata));
        }
        if (!m.fileIds().isEmpty()) {
            ArrayNode files = node.putArray("files");
            m.fileIds().forEach(id -> files.addObject().put("id", id));
        }
        if (!reactions.isEmpty()) {
            ArrayNode array = node.putArray("reactions");
            for (Reaction r : reactions) {
                ObjectNode rn = array.addObject().put("name", r.name()).put("count", r.users().size());
                r.users().forEach(rn.putArray("users")::add);
            }
        }
        if (!m.isReply() && !replies.isEmpty()) {
            // Thread roots carry reply metadata, as in conversations.replies / history.
            node.put("thread_ts", m.ts());
            node.put("reply_count", replies.size());
            node.put("latest_reply", replies.getLast().ts());
            ArrayNode replyUsers = node.putArray("reply_users");
            replies.stream().map(FakeMessage::user).distinct().forEach(replyUsers::add);
            node.put("reply_users_count", replyUsers.size());
        }
        return node;
    }

    ObjectNode render(FakeMessage m) {
        return render(m, List.of(), List.of());
    }

    JsonNode parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }
}
