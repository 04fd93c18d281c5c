package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** auth.test, conversations.replies, conversations.history, conversations.info, users.info. */
final class ConversationMethods {

    private static final int DEFAULT_REPLIES_LIMIT = 1000;

    private final FakeContext ctx;

    ConversationMethods(FakeContext ctx) {
        this.ctx = ctx;
    }

    void registerInto(Map<String, SlackMethod> registry) {
        registry.put("auth.test", this::authTest);
        registry.put("conversations.replies", this::replies);
        registry.put("conversations.history", this::history);
        registry.put("conversations.info", this::conversationInfo);
        registry.put("users.info", this::userInfo);
    }

    private SlackReply authTest(SlackRequest r) {
        BotIdentity bot = ctx.bot();
        return SlackReply.ok(SlackReply.okBody().put("url", bot.workspaceUrl()).put("team", bot.teamName())
                .put("user", bot.botName()).put("team_id", bot.teamId()).put("user_id", bot.botUserId())
                .put("bot_id", bot.botId()).put("app_id", bot.appId()).put("is_enterprise_install", false));
    }

    /**
     * Thread root first, then replies in ts order; supports limit/cursor/oldest/latest/inclusive like
     * Slack; message metadata only with include_all_metadata=true. Seeded human messages and bot
     * messages come back alike.
     */
    private SlackReply replies(SlackRequest r) {
        String channel = r.paramOr("channel", "");
        if (ctx.workspace().channel(channel).isEmpty()) {
            return SlackReply.error("channel_not_found");
        }
        String ts = r.paramOr("ts", "");
        Optional<FakeMessage> asked = ctx.workspace().message(channel, ts);
        if (asked.isEmpty()) {
            return SlackReply.error("thread_not_found");
        }
        String threadTs = asked.get().threadKey();
        List<FakeMessage> thread = ctx.workspace().messagesInThread(channel, threadTs);
        List<FakeMessage> replies = thread.stream().filter(FakeMessage::isReply).toList();
        boolean inclusive = "true".equals(r.param("inclusive")) || "1".equals(r.param("inclusive"));
        List<FakeMessage> window = thread.stream()
                .filter(m -> !r.has("oldest") || after(m.ts(), r.param("oldest"), inclusive))
                .filter(m -> !r.has("latest") || after(r.param("latest"), m.ts(), inclusive))
                .toList();
        int offset = r.has("cursor") ? decodeCursor(r.param("cursor")) : 0;
        int limit = r.has("limit") ? Math.max(1, Integer.parseInt(r.param("limit"))) : DEFAULT_REPLIES_LIMIT;
        int end = Math.min(window.size(), offset + limit);
        // Slack returns message metadata only to callers that ask for it.
        boolean includeMetadata = "true".equals(r.param("include_all_metadata")) || "1".equals(r.param("include_all_metadata"));
        ObjectNode body = SlackReply.okBody();
        ArrayNode messages = body.putArray("messages");
        for (FakeMessage m : window.subList(Math.min(offset, end), end)) {
            List<FakeMessage> own = m.isReply() ? List.of() : replies;
            messages.add(ctx.messages().render(m, ctx.workspace().reactions(channel, m.ts()), own, includeMetadata));
        }
        boolean hasMore = end < window.size();
        body.put("has_more", hasMore);
        if (hasMore) {
            body.putObject("response_metadata").put("next_cursor", encodeCursor(end));
        }
        return SlackReply.ok(body);
    }

    /**
     * Top-level messages (and thread broadcasts) of a channel, newest first, like Slack; limit,
     * cursor, oldest, latest and inclusive as in conversations.replies; not_in_channel when the bot
     * is not a member.
     */
    private SlackReply history(SlackRequest r) {
        String channel = r.paramOr("channel", "");
        if (ctx.workspace().channel(channel).isEmpty()) {
            return SlackReply.error("channel_not_found");
        }
        if (!ctx.workspace().botIn(channel)) {
            return SlackReply.error("not_in_channel");
        }
        boolean inclusive = "true".equals(r.param("inclusive")) || "1".equals(r.param("inclusive"));
        List<FakeMessage> window = ctx.workspace().messagesInChannel(channel).stream()
                .filter(m -> !m.isReply())
                .filter(m -> !r.has("oldest") || after(m.ts(), r.param("oldest"), inclusive))
                .filter(m -> !r.has("latest") || after(r.param("latest"), m.ts(), inclusive))
                .toList()
                .reversed();
        int offset = r.has("cursor") ? decodeCursor(r.param("cursor")) : 0;
        int limit = r.has("limit") ? Math.max(1, Math.min(999, Integer.parseInt(r.param("limit")))) : 100;
        int end = Math.min(window.size(), offset + limit);
        boolean includeMetadata = "true".equals(r.param("include_all_metadata")) || "1".equals(r.param("include_all_metadata"));
        ObjectNode body = SlackReply.okBody();
        ArrayNode messages = body.putArray("messages");
        for (FakeMessage m : window.subList(Math.min(offset, end), end)) {
            messages.add(ctx.messages().render(m, ctx.workspace().reactions(channel, m.ts()),
                    ctx.workspace().messagesInThread(channel, m.ts()).stream().filter(FakeMessage::isReply).toList(),
                    includeMetadata));
        }
        boolean hasMore = end < window.size();
        body.put("has_more", hasMore);
        body.put("pin_count", 0);
        if (hasMore) {
            body.putObject("response_metadata").put("next_cursor", encodeCursor(end));
        }
        return SlackReply.ok(body);
    }

    private static boolean after(String a, String b, boolean inclusive) {
        int cmp = SlackTs.ORDER.compare(a, b);
        return inclusive ? cmp >= 0 : cmp > 0;
    }

    private static String encodeCursor(int offset) {
        return java.util.Base64.getEncoder().encodeToString(("offset:" + offset).getBytes());
    }

    private static int decodeCursor(String cursor) {
        String decoded = new String(java.util.Base64.getDecoder().decode(cursor));
        return Integer.parseInt(decoded.substring("offset:".length()));
    }

    private SlackReply conversationInfo(SlackRequest r) {
        Optional<FakeChannel> found = ctx.workspace().channel(r.paramOr("channel", ""));
        if (found.isEmpty()) {
            return SlackReply.error("channel_not_found");
        }
        FakeChannel c = found.get();
        ObjectNode body = SlackReply.okBody();
        ObjectNode channel = body.putObject("channel").put("id", c.id()).put("created", 1_700_000_000L)
                .put("is_channel", !c.isIm() && !c.isPrivate()).put("is_group", !c.isIm() && c.isPrivate())
                .put("is_im", c.isIm()).put("is_mpim", false).put("is_private", c.isPrivate() || c.isIm())
                .put("is_archived", false).put("is_general", false).put("is_member", ctx.workspace().botIn(c.id()))
                .put("context_team_id", ctx.bot().teamId());
        if (!c.isIm()) {
            channel.put("name", c.name()).put("name_normalized", c.name());
        }
        return SlackReply.ok(body);
    }

    private SlackReply userInfo(SlackRequest r) {
        String id = r.paramOr("user", "");
        Optional<FakeUser> found = id.equals(ctx.bot().botUserId())
                ? Optional.of(new FakeUser(id, ctx.bot().botName(), ctx.bot().botName(), true))
                : ctx.workspace().user(id);
        if (found.isEmpty()) {
            return SlackReply.error("user_not_found");
        }
        FakeUser u = found.get();
        ObjectNode body = SlackReply.okBody();
        String team = u.teamId() != null ? u.teamId() : ctx.bot().teamId();
        ObjectNode user = body.putObject("user").put("id", u.id()).put("team_id", team)
                .put("name", u.displayName().toLowerCase().replace(' ', '.')).put("deleted", false)
                .put("real_name", u.realName()).put("tz", "Europe/Amsterdam").put("tz_offset", 3600)
                .put("is_bot", u.isBot()).put("is_app_user", false).put("is_admin", false).put("updated", 1_700_000_000L);
        user.putObject("profile").put("display_name", u.displayName()).put("display_name_normalized", u.displayName())
                .put("real_name", u.realName()).put("real_name_normalized", u.realName()).put("team", team);
        return SlackReply.ok(body);
    }
}
