package dev.threadwork.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import java.util.List;
import dev.threadwork.bridge.InboundRouter;
import dev.threadwork.bridge.SlackMessage;
import dev.threadwork.bridge.ThreadKeywords;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Slack events in: mentions, direct messages and thread replies become {@link SlackMessage}s for
 * the bridge. Each is stored before the ack (a failed store answers 5xx, and Slack retries).
 */
public final class SlackInbound {

    private static final Logger LOG = Logger.getLogger(SlackInbound.class.getName());

    private final InboundRouter router;
    private final ThreadKeywords keywords;
    /** Told of each message that starts a session (the assistant pane titles its thread). */
    private final java.util.function.Consumer<SlackMessage> sessionStarted;

    public SlackInbound(InboundRouter router, ThreadKeywords keywords) {
        this(router, keywords, message -> { });
    }

    public SlackInbound(InboundRouter router, ThreadKeywords keywords, java.util.function.Consumer<SlackMessage> sessionStarted) {
        this.router = router;
        this.keywords = keywords;
        this.sessionStarted = sessionStarted;
    }

    public void register(App app) {
        app.event(AppMentionEvent.class, (request, ctx) -> {
            AppMentionEvent event = request.getEvent();
            String team = firstNonBlank(ctx.getTeamId(), event.getTeam());
            route(ctx, new SlackMessage(team, event.getChannel(), event.getUser(), event.getTs(),
                    Optional.ofNullable(event.getThreadTs()), nullToEmpty(event.getText()), false, true,
                    event.getBotId() != null, Optional.ofNullable(event.getSubtype()), sharedFiles(event.getFiles())));
            return ctx.ack();
        });
        app.event(MessageEvent.class, (request, ctx) -> {
            MessageEvent event = request.getEvent();
            String team = firstNonBlank(ctx.getTeamId(), event.getTeam());
            String text = nullToEmpty(event.getText());
            boolean mentions = ctx.getBotUserId() != null && text.contains("<@" + ctx.getBotUserId());
            route(ctx, new SlackMessage(team, event.getChannel(), event.getUser(), event.getTs(),
                    Optional.ofNullable(event.getThreadTs()), text, "im".equals(event.getChannelType()), mentions,
                    event.getBotId() != null || (event.getUser() != null && event.getUser().equals(ctx.getBotUserId())),
                    Optional.empty()));
            return ctx.ack();
        });
        // Bolt routes message subtypes to classes of their own: without these, a reply with a file or one
        // also sent to the channel would be acknowledged and lost.
        app.event(MessageFileShareEvent.class, (request, ctx) -> {
            MessageFileShareEvent event = request.getEvent();
            String text = nullToEmpty(event.getText());
            List<SlackMessage.SharedFile> files = sharedFiles(event.getFiles());
            route(ctx, new SlackMessage(ctx.getTeamId(), event.getChannel(), event.getUser(), event.getTs(),
                    Optional.ofNullable(event.getThreadTs()), text, "im".equals(event.getChannelType()), mentions(ctx, text),
                    event.getUser() != null && event.getUser().equals(ctx.getBotUserId()), Optional.of("file_share"), files));
            return ctx.ack();
        });
        app.event(MessageThreadBroadcastEvent.class, (request, ctx) -> {
            MessageThreadBroadcastEvent event = request.getEvent();
            String text = nullToEmpty(event.getText());
            route(ctx, new SlackMessage(ctx.getTeamId(), event.getChannel(), event.getUser(), event.getTs(),
                    Optional.ofNullable(event.getThreadTs()), text, "im".equals(event.getChannelType()), mentions(ctx, text),
                    event.getUser() != null && event.getUser().equals(ctx.getBotUserId()), Optional.of("thread_broadcast")));
            return ctx.ack();
        });
        // assistant_thread_started / _context_changed: slack.AssistantPane; app_home_opened: slack.AppHome.
    }

    private void route(EventContext ctx, SlackMessage message) {
        if (message.channelId() == null || message.ts() == null || message.teamId() == null) {
            LOG.info("Ignored a message event without channel, ts or team");
            return;
        }
        if (keywords.handle(message)) {
            return;
        }
        InboundRouter.Outcome outcome = router.accept(message);
        if (outcome == InboundRouter.Outcome.STARTS_SESSION) {
            sessionStarted.accept(message);
        }
        Integer retry = ctx.getRetryNum(); // null on a first delivery
        if (retry != null && retry > 0) {
            LOG.fine(() -> "Slack retry " + ctx.getRetryNum() + " (" + ctx.getRetryReason() + "): " + outcome);
        }
    }

    /**
     * Slack's file objects reduced to what delivery needs. A mention with a file arrives both as
     * {@code app_mention} and as {@code file_share}: both carry the files, whichever is stored first.
     * Files Slack does not host (external links, hidden by the plan, deleted) have no download URL.
     */
    static List<SlackMessage.SharedFile> sharedFiles(List<com.slack.api.model.File> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream().filter(f -> f.getId() != null)
                .map(f -> new SlackMessage.SharedFile(f.getId(), f.getName() != null ? f.getName() : f.getTitle(),
                        f.getMimetype(), f.getSize() == null ? 0 : f.getSize(),
                        f.isExternal() || "hidden_by_limit".equals(f.getMode()) || "tombstone".equals(f.getMode())
                                ? Optional.empty() : Optional.ofNullable(f.getUrlPrivateDownload())))
                .toList();
    }

    private static boolean mentions(EventContext ctx, String text) {
        return ctx.getBotUserId() != null && text.contains("<@" + ctx.getBotUserId());
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
