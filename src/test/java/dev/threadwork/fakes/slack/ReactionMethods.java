package dev.threadwork.fakes.slack;

import java.util.Map;

/** reactions.add / reactions.remove with Slack's already_reacted / no_reaction semantics. */
final class ReactionMethods {

    private final FakeContext ctx;

    ReactionMethods(FakeContext ctx) {
        this.ctx = ctx;
    }

    void registerInto(Map<String, SlackMethod> registry) {
        registry.put("reactions.add", r -> change(r, true));
        registry.put("reactions.remove", r -> change(r, false));
    }

    private SlackReply change(SlackRequest r, boolean add) {
        // Existence check and reaction change are one step, as a concurrent chat.delete could interleave.
        synchronized (ctx.workspace()) {
            return changeLocked(r, add);
        }
    }

    private SlackReply changeLocked(SlackRequest r, boolean add) {
        String name = normalise(r.paramOr("name", ""));
        if (name.isEmpty() || !name.matches("[a-z0-9_+'\\-]+(::skin-tone-[2-6])?")) {
            return SlackReply.error("invalid_name");
        }
        String channel = r.paramOr("channel", "");
        String ts = r.paramOr("timestamp", "");
        if (ctx.workspace().message(channel, ts).isEmpty()) {
            return SlackReply.error("message_not_found");
        }
        String user = ctx.bot().botUserId();
        if (add) {
            return ctx.workspace().addReaction(channel, ts, name, user)
                    ? SlackReply.ok(SlackReply.okBody()) : SlackReply.error("already_reacted");
        }
        return ctx.workspace().removeReaction(channel, ts, name, user)
                ? SlackReply.ok(SlackReply.okBody()) : SlackReply.error("no_reaction");
    }

    /** Slack accepts ":eyes:" as well as "eyes". */
    private static String normalise(String name) {
        String trimmed = name.trim();
        return trimmed.length() > 2 && trimmed.startsWith(":") && trimmed.endsWith(":")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}
