package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** assistant.threads.setStatus / setTitle / setSuggestedPrompts, recorded per thread. */
final class AssistantMethods {

    private static final int MAX_PROMPTS = 4;

    private final FakeContext ctx;

    AssistantMethods(FakeContext ctx) {
        this.ctx = ctx;
    }

    void registerInto(Map<String, SlackMethod> registry) {
        registry.put("assistant.threads.setStatus", r -> record(r, "status", r.paramOr("status", "")));
        registry.put("assistant.threads.setTitle", r -> r.has("title")
                ? record(r, "title", r.param("title")) : SlackReply.error("invalid_arguments"));
        registry.put("assistant.threads.setSuggestedPrompts", this::setSuggestedPrompts);
    }

    private SlackReply setSuggestedPrompts(SlackRequest r) {
        JsonNode prompts = ctx.messages().parseOrNull(r.param("prompts"));
        if (prompts == null || !prompts.isArray() || prompts.isEmpty() || prompts.size() > MAX_PROMPTS) {
            return SlackReply.error("invalid_arguments");
        }
        for (JsonNode prompt : prompts) { // each prompt needs its title and its message
            if (prompt.path("title").asText("").isBlank() || prompt.path("message").asText("").isBlank()) {
                return SlackReply.error("invalid_arguments");
            }
        }
        return record(r, "suggested_prompts", prompts.toString());
    }

    private SlackReply record(SlackRequest r, String kind, String value) {
        if (!r.has("channel_id")) {
            return SlackReply.error("channel_not_found");
        }
        if (!r.has("thread_ts")) {
            return SlackReply.error("invalid_arguments");
        }
        ctx.workspace().addAssistantUpdate(
                new AssistantThreadUpdate(r.param("channel_id"), r.param("thread_ts"), kind, value, r.receivedAt()));
        return SlackReply.ok(SlackReply.okBody());
    }
}
