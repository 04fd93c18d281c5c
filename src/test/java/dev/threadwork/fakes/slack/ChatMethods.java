package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** chat.postMessage, chat.update, chat.delete, chat.postEphemeral, chat.getPermalink. */
final class ChatMethods {

    private final FakeContext ctx;

    ChatMethods(FakeContext ctx) {
        this.ctx = ctx;
    }

    void registerInto(Map<String, SlackMethod> registry) {
        registry.put("chat.postMessage", this::postMessage);
        registry.put("chat.update", this::update);
        registry.put("chat.delete", this::delete);
        registry.put("chat.postEphemeral", this::postEphemeral);
        registry.put("chat.getPermalink", this::getPermalink);
    }

    private SlackReply postMessage(SlackRequest r) {
        if (!r.has("channel")) {
            return SlackReply.error("channel_not_found");
        }
        Optional<SlackReply> invalid = validateContent(r);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Optional<String> metadata;
        try {
            metadata = metadataOf(r);
        } catch (IllegalArgumentException e) {
            return SlackReply.error("invalid_metadata_format");
        }
        String threadTs = r.has("thread_ts") ? r.param("thread_ts") : null;
        if (threadTs != null && !SlackTs.isValid(threadTs)) {
            return SlackReply.error("invalid_thread_ts");
        }
        String channel = conversationFor(r.param("channel"));
        if (threadTs != null) {
            // Replying to a reply joins the reply's thread, as in Slack.
            String asked = threadTs;
            threadTs = ctx.workspace().message(channel, asked).map(FakeMessage::threadKey).orElse(asked);
        }
        String ts = ctx.clockTs().next();
        FakeMessage message = new FakeMessage(channel, ts, threadTs, ctx.bot().botUserId(), ctx.bot().botId(),
                r.paramOr("text", ""), r.param("blocks"), FakeMessage.StreamState.NOT_STREAMED, 0, List.of(),
                metadata.orElse(null));
        ctx.workspace().putMessage(message);
        ObjectNode body = SlackReply.okBody().put("channel", message.channel()).put("ts", ts);
        body.set("message", ctx.messages().render(message));
        return SlackReply.created(body, ts);
    }

    private SlackReply update(SlackRequest r) {
        // Check-then-act under the workspace lock: a concurrent delete must not turn into a crash.
        synchronized (ctx.workspace()) {
            return updateLocked(r);
        }
    }

    private SlackReply updateLocked(SlackRequest r) {
        Optional<FakeMessage> existing = ctx.workspace().message(r.paramOr("channel", ""), r.paramOr("ts", ""));
        if (existing.isEmpty()) {
            return SlackReply.error("message_not_found");
        }
        if (!existing.get().fromBot()) {
            return SlackReply.error("cant_update_message");
        }
        Optional<SlackReply> invalid = validateContent(r);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        FakeMessage updated = ctx.workspace().updateMessage(r.param("channel"), r.param("ts"), m -> m.withContent(
                r.params().containsKey("text") ? r.param("text") : m.text(),
                r.params().containsKey("blocks") ? r.param("blocks") : m.blocksJson())).orElseThrow();
        ObjectNode body = SlackReply.okBody().put("channel", updated.channel()).put("ts", updated.ts())
                .put("text", updated.text());
        body.set("message", ctx.messages().render(updated));
        return SlackReply.ok(body);
    }

    private SlackReply delete(SlackRequest r) {
        synchronized (ctx.workspace()) {
            return deleteLocked(r);
        }
    }

    private SlackReply deleteLocked(SlackRequest r) {
        Optional<FakeMessage> existing = ctx.workspace().message(r.paramOr("channel", ""), r.paramOr("ts", ""));
        if (existing.isEmpty()) {
            return SlackReply.error("message_not_found");
        }
        if (!existing.get().fromBot()) {
            return SlackReply.error("cant_delete_message");
        }
        ctx.workspace().removeMessage(r.param("channel"), r.param("ts"));
        return SlackReply.ok(SlackReply.okBody().put("channel", r.param("channel")).put("ts", r.param("ts")));
    }

    private SlackReply postEphemeral(SlackRequest r) {
        if (!r.has("channel")) {
            return SlackReply.error("channel_not_found");
        }
        if (!r.has("user")) {
            return SlackReply.error("user_not_found");
        }
        Optional<SlackReply> invalid = validateContent(r);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        String ts = ctx.clockTs().next();
        ctx.workspace().addEphemeral(new EphemeralMessage(r.param("channel"), r.param("user"),
                r.has("thread_ts") ? r.param("thread_ts") : null, r.paramOr("text", ""), r.param("blocks"), ts));
        return SlackReply.created(SlackReply.okBody().put("message_ts", ts), ts);
    }

    private SlackReply getPermalink(SlackRequest r) {
        Optional<FakeMessage> message = ctx.workspace().message(r.paramOr("channel", ""), r.paramOr("message_ts", ""));
        if (message.isEmpty()) {
            return SlackReply.error("message_not_found");
        }
        FakeMessage m = message.get();
        String link = ctx.bot().workspaceUrl() + "archives/" + m.channel() + "/p" + m.ts().replace(".", "");
        if (m.isReply()) {
            link += "?thread_ts=" + m.threadTs() + "&cid=" + m.channel();
        }
        return SlackReply.ok(SlackReply.okBody().put("channel", m.channel()).put("permalink", link));
    }

    /**
     * The {@code metadata} field (form field or JSON body field, both arrive as JSON text) normalised,
     * or empty when absent.
     *
     * @throws IllegalArgumentException unless it is {@code {"event_type":"…","event_payload":{…}}}
     */
    private Optional<String> metadataOf(SlackRequest r) {
        if (!r.has("metadata")) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = ctx.json().readTree(r.param("metadata"));
        } catch (Exception e) {
            throw new IllegalArgumentException("metadata is not JSON", e);
        }
        if (node == null || !node.isObject() || !node.path("event_type").isTextual()
                || node.path("event_type").asText().isEmpty() || !node.path("event_payload").isObject()) {
            throw new IllegalArgumentException("metadata needs event_type and an event_payload object");
        }
        return Optional.of(node.toString());
    }

    /** Posting to a user id lands in the bot's DM with that user, reported under the DM's own id. */
    static String conversationFor(String channel) {
        return channel.startsWith("U") || channel.startsWith("W") ? "D" + channel.substring(1) : channel;
    }

    /** Shared by post/update/ephemeral: Slack needs text or blocks, then applies its limits. */
    private Optional<SlackReply> validateContent(SlackRequest r) {
        if (!r.has("text") && !r.has("blocks") && !r.has("attachments")) {
            return Optional.of(SlackReply.error("no_text"));
        }
        return ctx.validator().checkText(r.param("text"), MessageValidator.MAX_TEXT)
                .or(() -> ctx.validator().checkBlocks(r.param("blocks"), MessageValidator.MAX_MESSAGE_BLOCKS));
    }
}
