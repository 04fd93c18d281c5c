package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** views.open / views.update / views.publish with view ids, hashes (hash_conflict) and block limits. */
final class ViewMethods {

    /** Slack refuses views over 250 kB. */
    static final int MAX_VIEW_BYTES = 250_000;

    private final FakeContext ctx;

    ViewMethods(FakeContext ctx) {
        this.ctx = ctx;
    }

    void registerInto(Map<String, SlackMethod> registry) {
        registry.put("views.open", this::open);
        registry.put("views.update", this::update);
        registry.put("views.publish", this::publish);
    }

    private SlackReply open(SlackRequest r) {
        if (!r.has("trigger_id") && !r.has("interactivity_pointer")) {
            return SlackReply.error("invalid_arguments");
        }
        return validated(r, "modal").orElseGet(() -> store(r, ctx.newId('V'), null, 0));
    }

    private SlackReply update(SlackRequest r) {
        Optional<FakeView> existing = r.has("view_id") ? ctx.workspace().view(r.param("view_id"))
                : r.has("external_id") ? ctx.workspace().viewByExternalId(r.param("external_id")) : Optional.empty();
        if (existing.isEmpty()) {
            return SlackReply.error("not_found");
        }
        if (r.has("hash") && !r.param("hash").equals(existing.get().hash())) {
            return SlackReply.error("hash_conflict");
        }
        return validated(r, "modal").orElseGet(
                () -> store(r, existing.get().id(), existing.get().userId(), existing.get().version()));
    }

    private SlackReply publish(SlackRequest r) {
        if (!r.has("user_id") || ctx.workspace().user(r.param("user_id")).isEmpty()) {
            return SlackReply.error("invalid_arguments"); // Slack: "invalid `user_id`"
        }
        if (!ctx.workspace().homeTabEnabled()) {
            return SlackReply.error("not_enabled");
        }
        if (r.param("view").length() > MAX_VIEW_BYTES) {
            return SlackReply.error("view_too_large");
        }
        Optional<FakeView> existing = ctx.workspace().homeView(r.param("user_id"));
        if (existing.isPresent() && r.has("hash") && !r.param("hash").equals(existing.get().hash())) {
            return SlackReply.error("hash_conflict");
        }
        return validated(r, "home").orElseGet(() -> store(r, existing.map(FakeView::id).orElseGet(() -> ctx.newId('V')),
                r.param("user_id"), existing.map(FakeView::version).orElse(0)));
    }

    private Optional<SlackReply> validated(SlackRequest r, String expectedType) {
        JsonNode view = ctx.messages().parseOrNull(r.param("view"));
        if (view == null || !view.isObject() || !view.path("type").asText("").equals(expectedType)) {
            return Optional.of(SlackReply.error("invalid_arguments"));
        }
        List<String> problems = ctx.validator().problems(view.path("blocks"), MessageValidator.MAX_VIEW_BLOCKS, "/view/blocks");
        return problems.isEmpty() ? Optional.empty() : Optional.of(ctx.validator().invalid("invalid_arguments", problems));
    }

    private SlackReply store(SlackRequest r, String id, String userId, int previousVersion) {
        ObjectNode view = (ObjectNode) ctx.messages().parseOrNull(r.param("view"));
        String hash = "1700000000." + id + "." + (previousVersion + 1);
        FakeView stored = new FakeView(id, view.path("external_id").asText(null), view.path("type").asText(), userId,
                view.toString(), hash, previousVersion + 1);
        ctx.workspace().putView(stored);
        view.put("id", id).put("team_id", ctx.bot().teamId()).put("hash", hash).put("app_id", ctx.bot().appId())
                .put("bot_id", ctx.bot().botId()).put("root_view_id", id).put("previous_view_id", (String) null);
        view.putObject("state").putObject("values");
        if (!view.has("private_metadata")) {
            view.put("private_metadata", "");
        }
        if (!view.has("callback_id")) {
            view.put("callback_id", "");
        }
        ObjectNode body = SlackReply.okBody();
        body.set("view", view);
        return SlackReply.ok(body);
    }
}
