package dev.threadwork.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.assistant.AssistantThread;
import com.slack.api.model.assistant.SuggestedPrompt;
import com.slack.api.model.event.AssistantThreadContextChangedEvent;
import com.slack.api.model.event.AssistantThreadStartedEvent;
import dev.threadwork.bridge.AssistantThreads;
import dev.threadwork.bridge.BindingStore;
import dev.threadwork.bridge.SessionTitles;
import dev.threadwork.bridge.SlackMessage;
import dev.threadwork.bridge.SuggestedPrompts;
import dev.threadwork.bridge.SurfaceSettings;
import dev.threadwork.bridge.ThreadKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Slack's assistant pane: a greeting and suggested prompts when a thread opens (the channel's,
 * the workspace's or the built-in ones), the channel the user has open recorded as it changes,
 * and the thread titled after its session.
 *
 * <p>Bolt's {@code app.assistant(...)} middleware is not used: it keeps the thread context in the
 * metadata of a bot message (extra Slack calls per message) and takes over the pane's user
 * messages, which here go through the same inbound path as every DM. The context lives in the
 * database instead, written before the ack.
 */
public final class AssistantPane {

    private static final Logger LOG = Logger.getLogger(AssistantPane.class.getName());
    static final String PROMPTS_TITLE = "Try one of these:";

    private final MethodsClient methods;
    private final AssistantThreads threads;
    private final SurfaceSettings settings;
    private final BindingStore bindings;
    private final ExecutorService work;

    public AssistantPane(MethodsClient methods, AssistantThreads threads, SurfaceSettings settings, BindingStore bindings,
                         ExecutorService work) {
        this.methods = methods;
        this.threads = threads;
        this.settings = settings;
        this.bindings = bindings;
        this.work = work;
    }

    public void register(App app) {
        app.event(AssistantThreadStartedEvent.class, (request, ctx) -> {
            Pane pane = pane(ctx, request.getEvent().getAssistantThread());
            if (pane != null && threads.started(pane.thread(), pane.userId(), pane.context())) {
                work.execute(() -> welcome(pane));
            }
            return ctx.ack();
        });
        app.event(AssistantThreadContextChangedEvent.class, (request, ctx) -> {
            Pane pane = pane(ctx, request.getEvent().getAssistantThread());
            if (pane != null) {
                Optional<String> before = threads.find(pane.thread()).flatMap(AssistantThreads.AssistantThread::contextChannelId);
                threads.contextChanged(pane.thread(), pane.userId(), pane.context());
                if (!before.equals(pane.context()) && bindings.find(pane.thread()).isEmpty()) {
                    work.execute(() -> refreshPrompts(pane, before));
                }
            }
            return ctx.ack();
        });
    }

    /** A message started a session: a pane thread takes the session's title. */
    public void sessionStarted(SlackMessage message) {
        if (!message.channelId().startsWith("D") || message.topLevel()) {
            return; // only assistant pane threads have titles; a top-level DM is not one
        }
        ThreadKey thread = message.thread();
        String title = SessionTitles.fromTask(message.text());
        work.execute(() -> call("assistant.threads.setTitle", () -> methods.assistantThreadsSetTitle(r -> r
                .channelId(thread.channelId()).threadTs(thread.threadTs()).title(title))));
    }

    private record Pane(ThreadKey thread, String userId, Optional<String> context) {
    }

    private static Pane pane(EventContext ctx, AssistantThread assistantThread) {
        if (assistantThread == null || assistantThread.getChannelId() == null || assistantThread.getThreadTs() == null) {
            LOG.info("Ignored an assistant thread event without channel or thread");
            return null;
        }
        Optional<String> contextTeam = Optional.ofNullable(assistantThread.getContext()).map(c -> c.getTeamId());
        String team = ctx.getTeamId() != null && !ctx.getTeamId().isBlank() ? ctx.getTeamId() : contextTeam.orElse("");
        Optional<String> context = Optional.ofNullable(assistantThread.getContext()).map(c -> c.getChannelId())
                .filter(id -> !id.isBlank());
        return new Pane(new ThreadKey(team, assistantThread.getChannelId(), assistantThread.getThreadTs()),
                assistantThread.getUserId(), context);
    }

    private void welcome(Pane pane) {
        String where = pane.context().filter(id -> !id.startsWith("D")).map(id -> " I can see that you have <#" + id
                + "> open; I'll tell the agent about it.").orElse("");
        String greeting = "Hi <@" + pane.userId() + ">! Give me a task and a Claude agent works on it right here in this thread."
                + where + " Pick a suggestion or write your own.";
        call("chat.postMessage", () -> methods.chatPostMessage(r -> r.channel(pane.thread().channelId())
                .threadTs(pane.thread().threadTs()).text(greeting)));
        setPrompts(pane, settings.promptsFor(pane.thread().teamId(), pane.context()));
    }

    /** Before the first message, the prompts follow the channel in view when it has its own. */
    private void refreshPrompts(Pane pane, Optional<String> before) {
        List<SuggestedPrompts.Prompt> now = settings.promptsFor(pane.thread().teamId(), pane.context());
        if (!now.equals(settings.promptsFor(pane.thread().teamId(), before))) {
            setPrompts(pane, now);
        }
    }

    private void setPrompts(Pane pane, List<SuggestedPrompts.Prompt> prompts) {
        List<SuggestedPrompt> suggested = prompts.stream().limit(SuggestedPrompts.MAX)
                .map(p -> new SuggestedPrompt(p.title(), p.message())).toList();
        call("assistant.threads.setSuggestedPrompts", () -> methods.assistantThreadsSetSuggestedPrompts(r -> r
                .channelId(pane.thread().channelId()).threadTs(pane.thread().threadTs()).title(PROMPTS_TITLE).prompts(suggested)));
    }

    @FunctionalInterface
    private interface Call {
        SlackApiTextResponse run() throws Exception;
    }

    private static void call(String method, Call call) {
        try {
            SlackApiTextResponse response = call.run();
            if (!response.isOk()) {
                LOG.info(() -> method + " answered " + response.getError());
            }
        } catch (Exception e) {
            LOG.log(Level.INFO, method + " failed: " + e.getClass().getSimpleName());
        }
    }
}
