package dev.threadwork.render;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import dev.threadwork.agents.AgentEvent;
import dev.threadwork.bridge.Binding;
import dev.threadwork.bridge.BindingStore;
import dev.threadwork.bridge.ControlEvents;
import dev.threadwork.bridge.EventSink;
import dev.threadwork.bridge.SessionGateway;
import dev.threadwork.bridge.ThreadKey;
import dev.threadwork.bridge.ThreadNotices;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders sessions into their threads: the answer (a live preview edited in place at most about
 * once a second, then the authoritative text), one activity card per turn, reactions on the
 * message that started the turn, and short notices. Every post carries a metadata key and is
 * recorded before and after, so a restart resumes without re-posting or skipping.
 */
public final class ThreadRenderer implements EventSink, ThreadNotices, ControlEvents {

    private static final Logger LOG = Logger.getLogger(ThreadRenderer.class.getName());
    private static final Duration PREVIEW_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_VIEWS = 5_000;

    private final SlackOutbound outbound;
    private final dev.threadwork.bridge.EffectJournal journal;
    private final RenderStateStore states;
    private final BindingStore bindings;
    private final SessionGateway gateway;
    private final ThreadSearch search;
    private final AnswerFormatter formatter;
    private final CardBuilder cards;
    private final CostEstimator costs;
    private final Clock clock;
    /** Views of recently active sessions; an evicted one is rebuilt from the database and the history. */
    private final Map<String, SessionView> views = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SessionView> eldest) {
            return size() > MAX_VIEWS;
        }
    };
    /** Threads already told that their messages are queued, until one gets through. */
    private final Set<ThreadKey> toldQueued = ConcurrentHashMap.newKeySet();

    public ThreadRenderer(SlackOutbound outbound, RenderStateStore states, BindingStore bindings, SessionGateway gateway,
                          ThreadSearch search, AnswerFormatter formatter, CostEstimator costs,
                          dev.threadwork.bridge.EffectJournal journal, Clock clock) {
        this.outbound = outbound;
        this.journal = journal;
        this.states = states;
        this.bindings = bindings;
        this.gateway = gateway;
        this.search = search;
        this.formatter = formatter;
        this.costs = costs;
        this.cards = new CardBuilder(costs);
        this.clock = clock;
    }

    /**
     * Mutable rendering state of one session, guarded by its lock (a lock, not a monitor: the
     * holder may wait for Slack, and a virtual thread must not pin its carrier meanwhile).
     */
    private static final class SessionView {
        final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        final Binding binding;
        RenderState state;
        Turn turn;
        final Map<String, String> posted = new ConcurrentHashMap<>();
        Instant lastPreviewAt = Instant.EPOCH;
        String previewKey;
        String triggerTs;
        /** The message that already carries 👀: reactions are Tier 3 (about 50 a minute), so none is sent twice. */
        String eyesOn;
        /**
         * Slack could not take an event's output and the bot is stopping: nothing after it is rendered or
         * recorded, so the next start resumes at that event (its posts resolved through the journal).
         */
        boolean halted;

        SessionView(Binding binding, RenderState state) {
            this.binding = binding;
            this.state = state;
            this.triggerTs = binding.triggerTs();
        }

        String sessionId() {
            return state.sessionId();
        }

        ThreadKey thread() {
            return binding.thread();
        }
    }

    // ---- EventSink -------------------------------------------------------------------------

    @Override
    public Optional<String> resumeAfter(String sessionId) {
        return states.find(sessionId).flatMap(RenderState::lastEventId);
    }

    @Override
    public boolean live(String sessionId) {
        SessionView view;
        synchronized (views) {
            view = views.get(sessionId);
        }
        if (view == null) {
            return states.find(sessionId).map(RenderState::live).orElse(true);
        }
        view.lock.lock();
        try {
            return view.turn == null || view.turn.live();
        } finally {
            view.lock.unlock();
        }
    }

    @Override
    public boolean onEvent(Binding binding, AgentEvent event) {
        SessionView view = view(binding);
        view.lock.lock();
        try {
            if (view.halted) {
                return true;
            }
            try {
                render(view, event);
            } catch (NotRendered e) {
                view.halted = true; // not saved: the event is rendered again after the restart
                LOG.info(() -> "Rendering of " + view.sessionId() + " stops at " + event.id() + ": " + e.getMessage());
                return true;
            } catch (RuntimeException e) {
                // Rendering must not stop the stream; the next event re-syncs the card.
                LOG.log(Level.WARNING, "Rendering " + event.type() + " of " + view.sessionId() + " failed: " + e.getMessage());
            }
            boolean live = view.turn == null || view.turn.live();
            save(view, withEvent(view.state, event.id(), live));
            return live;
        } finally {
            view.lock.unlock();
        }
    }

    @Override
    public void onPreview(Binding binding, AgentEvent.TextPreview preview) {
        SessionView view = view(binding);
        view.lock.lock();
        try {
            Instant now = clock.instant();
            if (preview.textSoFar().isBlank() || Duration.between(view.lastPreviewAt, now).compareTo(PREVIEW_INTERVAL) < 0) {
                return; // best effort: the authoritative agent.message replaces it anyway
            }
            view.lastPreviewAt = now;
            String text = previewText(preview.textSoFar());
            if (view.halted) {
                return;
            }
            if (view.state.answerTs().isEmpty()) {
                String key = "preview:" + view.sessionId() + ":" + preview.messageKey();
                view.previewKey = key;
                try {
                    post(view, key, text, List.of()).ifPresent(ts -> save(view, with(view.state, s -> answerTs(s, Optional.of(ts)))));
                } catch (NotRendered e) {
                    view.halted = true; // stopping: the preview's journal entry is resolved after the restart
                }
            } else {
                outbound.submit(new SlackCall.Update(view.thread().channelId(), view.state.answerTs().get(), text, List.of()));
            }
        } finally {
            view.lock.unlock();
        }
    }

    private void render(SessionView view, AgentEvent event) {
        Instant now = clock.instant();
        if (event instanceof AgentEvent.StatusChange status && status.status() == AgentEvent.SessionStatus.RUNNING
                && (view.turn == null || view.turn.phase.ended())) {
            startTurn(view, event.id(), now);
        } else if (view.turn == null && !(event instanceof AgentEvent.UserEcho) && !(event instanceof AgentEvent.Unknown)) {
            startTurn(view, event.id(), now);
        }
        switch (event) {
            case AgentEvent.AgentText text -> postAnswer(view, text);
            case AgentEvent.Usage usage -> {
                view.turn.apply(usage, now);
                BigDecimal cost = costs.cost(usage.listCost(), usage.inputTokens() + usage.cacheReadTokens()
                        + usage.cacheCreationTokens(), usage.outputTokens());
                view.state = new RenderState(view.sessionId(), view.state.lastEventId(), view.state.turnFirstEventId(),
                        view.state.answerTs(), view.state.cardTs(), view.state.pendingPostKey(), view.state.lastStatus(), cost,
                        usage.inputTokens() + usage.cacheReadTokens() + usage.cacheCreationTokens(), usage.outputTokens(),
                        view.state.live());
            }
            default -> {
                if (view.turn != null && view.turn.apply(event, now)) {
                    syncCard(view, now);
                    if (event instanceof AgentEvent.StatusChange status) {
                        statusChanged(view, status);
                    }
                }
            }
        }
    }

    private void startTurn(SessionView view, String firstEventId, Instant now) {
        view.turn = new Turn(firstEventId, now);
        view.previewKey = null;
        view.state = new RenderState(view.sessionId(), view.state.lastEventId(), Optional.of(firstEventId), Optional.empty(),
                Optional.empty(), view.state.pendingPostKey(), "working", view.state.costUsd(), view.state.inputTokens(),
                view.state.outputTokens(), true);
        if (view.triggerTs != null && !view.triggerTs.equals(view.eyesOn)) {
            react(view, view.triggerTs, "eyes", true);
            view.eyesOn = view.triggerTs;
        }
        assistantStatus(view, "is working…");
    }

    private void statusChanged(SessionView view, AgentEvent.StatusChange status) {
        Turn.Phase phase = view.turn.phase;
        view.state = with(view.state, s -> new RenderState(s.sessionId(), s.lastEventId(), s.turnFirstEventId(), s.answerTs(),
                s.cardTs(), s.pendingPostKey(), phase.label, s.costUsd(), s.inputTokens(), s.outputTokens(), view.turn.live()));
        if (phase == Turn.Phase.WAITING_FOR_APPROVAL) {
            assistantStatus(view, "is waiting for your approval…");
        } else if (phase.ended()) {
            // 👀 stays: removing it would cost one more Tier 3 call per turn for little.
            react(view, view.triggerTs, phase == Turn.Phase.FAILED || phase == Turn.Phase.TERMINATED ? "x" : "white_check_mark", true);
            assistantStatus(view, "");
        }
        if (status.status() == AgentEvent.SessionStatus.TERMINATED) {
            bindings.markEnded(view.sessionId());
        }
    }

    private void postAnswer(SessionView view, AgentEvent.AgentText text) {
        String channel = view.thread().channelId();
        List<String> parts = new ArrayList<>();
        switch (formatter.format(text.text())) {
            case AnswerFormatter.Messages messages -> parts.addAll(messages.texts());
            case AnswerFormatter.AsFile file -> {
                parts.add(file.preview());
                upload(view, text.id(), file);
            }
        }
        int first = 0;
        if (view.state.answerTs().isPresent() && !parts.isEmpty()) {
            // The live preview becomes the first part of the final answer (an update: repeating it is harmless,
            // so it is awaited rather than journaled).
            await(outbound.submit(new SlackCall.Update(channel, view.state.answerTs().get(), parts.getFirst(), List.of())));
            first = 1;
        }
        // One key per part: after a crash, the parts already posted are found, the others posted.
        for (int i = first; i < parts.size(); i++) {
            post(view, "answer:" + text.id() + ":" + i, parts.get(i), List.of());
        }
        view.state = answerTs(view.state, Optional.empty());
        view.previewKey = null;
        view.lastPreviewAt = Instant.EPOCH;
    }

    private void syncCard(SessionView view, Instant now) {
        CardBuilder.Card card = cards.build(view.sessionId(), view.turn, now);
        Optional<String> cardTs = view.state.cardTs();
        if (cardTs.isPresent()) {
            outbound.submit(new SlackCall.Update(view.thread().channelId(), cardTs.get(), card.text(), card.blocks()));
            return;
        }
        post(view, "card:" + view.turn.firstEventId, card.text(), card.blocks()).ifPresent(ts ->
                view.state = with(view.state, s -> new RenderState(s.sessionId(), s.lastEventId(), s.turnFirstEventId(),
                        s.answerTs(), Optional.of(ts), s.pendingPostKey(), s.lastStatus(), s.costUsd(), s.inputTokens(),
                        s.outputTokens(), s.live())));
    }

    /**
     * Posts once, through the effect journal: the intent is committed before the call and the key
     * rides in the message's metadata, so an intent found after a crash or an ambiguous failure is
     * resolved by finding the message in the thread, not by posting it again.
     */
    private Optional<String> post(SessionView view, String key, String text, List<com.slack.api.model.block.LayoutBlock> blocks) {
        String known = view.posted.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        dev.threadwork.bridge.EffectJournal.Effect effect = journal.begin(key, dev.threadwork.bridge.EffectJournal.Kinds.SLACK_POST,
                Optional.of(view.thread()), Optional.of(view.sessionId()), 0);
        if (effect.done()) {
            return effect.result().filter(ts -> !ts.isEmpty() && !ts.startsWith("failed:")).map(ts -> {
                view.posted.put(key, ts);
                return ts;
            });
        }
        if (effect.uncertain() && effect.attempts() > 1 || effect.state() == dev.threadwork.bridge.EffectJournal.State.UNKNOWN) {
            Optional<String> found = lookUntilAnswered(view, key);
            if (found.isPresent()) {
                journal.done(key, found.get());
                view.posted.put(key, found.get());
                return found;
            }
        }
        dev.threadwork.bridge.CrashPoints.hit("post.before");
        try {
            Optional<String> ts = outbound.submit(new SlackCall.Post(view.thread().channelId(), view.thread().threadTs(), text,
                    blocks, Optional.of(key))).join();
            dev.threadwork.bridge.CrashPoints.hit("post.after");
            dev.threadwork.bridge.CrashPoints.hit("post.after." + crashPointOf(key));
            journal.done(key, ts.orElse(""));
            dev.threadwork.bridge.CrashPoints.hit("post.committed");
            ts.ifPresent(value -> view.posted.put(key, value));
            return ts;
        } catch (CompletionException e) {
            if (e.getCause() instanceof SlackOutbound.SlackCallFailed failed) {
                // Slack said no for good (channel gone, message refused): it never happened and never will.
                LOG.log(Level.WARNING, "Slack refused a post to " + view.thread() + ": " + failed.getMessage());
                journal.done(key, "failed: " + failed.error());
                return Optional.empty();
            }
            journal.unknown(key, String.valueOf(e.getCause()));
            throw new NotRendered("post " + key + " not confirmed (" + e.getCause().getMessage() + ")");
        }
    }

    /** The narrower crash point of a post: {@code card}, {@code answer.<part>}, {@code preview}… */
    private static String crashPointOf(String key) {
        String[] parts = key.split(":");
        return parts[0].equals("answer") && parts.length == 3 ? "answer." + parts[2] : parts[0];
    }

    /** Uploads a long answer once: journaled like a post, resolved by its file name in the thread. */
    private void upload(SessionView view, String eventId, AnswerFormatter.AsFile file) {
        String key = "upload:" + eventId;
        String filename = file.filename().replaceFirst("(\\.[^.]+)?$", "-" + eventId + "$1");
        dev.threadwork.bridge.EffectJournal.Effect effect = journal.begin(key, dev.threadwork.bridge.EffectJournal.Kinds.SLACK_UPLOAD,
                Optional.of(view.thread()), Optional.of(view.sessionId()), 0);
        if (effect.done()) {
            return;
        }
        if (effect.attempts() > 1 || effect.state() == dev.threadwork.bridge.EffectJournal.State.UNKNOWN) {
            Optional<String> found;
            try {
                found = search.findFile(view.thread().channelId(), view.thread().threadTs(), filename);
            } catch (RuntimeException e) {
                journal.unknown(key, e.getMessage());
                throw new NotRendered("could not look for upload " + filename + ": " + e.getMessage());
            }
            if (found.isPresent()) {
                journal.done(key, found.get());
                return;
            }
        }
        try {
            outbound.submit(new SlackCall.Upload(view.thread().channelId(), view.thread().threadTs(), filename, "Full answer",
                    file.content())).join();
            journal.done(key, filename);
        } catch (CompletionException e) {
            if (e.getCause() instanceof SlackOutbound.SlackCallFailed failed) {
                LOG.log(Level.WARNING, "Slack refused an upload to " + view.thread() + ": " + failed.getMessage());
                journal.done(key, "failed: " + failed.error());
                return;
            }
            journal.unknown(key, String.valueOf(e.getCause()));
            throw new NotRendered("upload " + key + " not confirmed");
        }
    }

    /** Looks for a keyed post until Slack answers (an outage only delays); stops when the bot stops. */
    private Optional<String> lookUntilAnswered(SessionView view, String key) {
        long backoff = 250;
        while (true) {
            try {
                return search.findPosted(view.thread().channelId(), view.thread().threadTs(), key);
            } catch (RuntimeException e) {
                if (outbound.closed()) {
                    throw new NotRendered("could not look for " + key + ": stopping");
                }
                LOG.info(() -> "Could not look for an interrupted post in " + view.thread() + " yet: " + e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new NotRendered("interrupted while looking for " + key);
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    /** Waits for a call whose outcome the render state depends on; Slack unreachable at a stop means not rendered. */
    private static void await(java.util.concurrent.CompletableFuture<Optional<String>> call) {
        try {
            call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SlackOutbound.SlackCallFailed failed) {
                LOG.log(Level.WARNING, "Slack refused an update: " + failed.getMessage());
                return;
            }
            throw new NotRendered("update not confirmed (" + e.getCause().getMessage() + ")");
        }
    }

    /** An event's output could not reach Slack (the bot is stopping): the event must not count as rendered. */
    static final class NotRendered extends RuntimeException {
        NotRendered(String message) {
            super(message);
        }
    }

    /** Names the output files posted for the session's latest turn on that turn's card. */
    public void filesShared(Binding binding, List<String> lines) {
        SessionView view = view(binding);
        view.lock.lock();
        try {
            if (view.turn == null) {
                return;
            }
            view.turn.files.addAll(lines);
            syncCard(view, clock.instant());
        } finally {
            view.lock.unlock();
        }
    }

    // ---- ThreadNotices ------------------------------------------------------------------------

    @Override
    public void sending(ThreadKey thread, String messageTs) {
        bindings.find(thread).filter(b -> b.sessionId().isPresent()).ifPresent(binding -> {
            SessionView view = view(binding);
            view.lock.lock();
            try {
                view.triggerTs = messageTs;
                if (!view.state.live()) {
                    // Live from the moment a message may reach the session: a restart before its turn starts
                    // rendering must re-attach the stream, or that turn's answer is never shown.
                    save(view, withLive(view.state, true));
                } else if (states.find(view.sessionId()).isEmpty()) {
                    save(view, view.state);
                }
            } finally {
                view.lock.unlock();
            }
        });
    }

    @Override
    public void delivered(ThreadKey thread, String messageTs) {
        toldQueued.remove(thread);
        Optional<Binding> binding = bindings.find(thread).filter(b -> b.sessionId().isPresent());
        if (binding.isEmpty()) {
            outbound.submit(new SlackCall.React(thread.channelId(), messageTs, "eyes", true));
            return;
        }
        SessionView view = view(binding.get());
        view.lock.lock();
        try {
            if (!messageTs.equals(view.eyesOn)) { // the turn may have put 👀 there already
                react(view, messageTs, "eyes", true);
                view.eyesOn = messageTs;
            }
        } finally {
            view.lock.unlock();
        }
    }

    @Override
    public void queued(ThreadKey thread, String messageTs) {
        outbound.submit(new SlackCall.React(thread.channelId(), messageTs, "hourglass_flowing_sand", true));
        if (toldQueued.add(thread)) {
            outbound.submit(new SlackCall.Post(thread.channelId(), thread.threadTs(),
                    ":hourglass_flowing_sand: The agent service is not reachable right now. Your message is saved and will be "
                            + "delivered as soon as it is back — no need to send it again.", List.of(),
                    Optional.of("queued:" + messageTs)));
        }
    }

    @Override
    public void undeliverable(ThreadKey thread, String messageTs, String reason, long inboundMessageId) {
        String text = ":warning: I couldn't pass your message on: " + reason + ".";
        outbound.submit(new SlackCall.Post(thread.channelId(), thread.threadTs(), text, List.of(
                section(s -> s.text(markdownText(text + " Start a new session in this thread with it?"))),
                actions(a -> a.elements(List.of(button(b -> b.actionId("session_restart").style("primary")
                        .text(plainText("Start a new session")).value(Long.toString(inboundMessageId))))))),
                Optional.of("undeliverable:" + inboundMessageId)));
    }

    @Override
    public void tell(ThreadKey thread, String userId, String text) {
        outbound.submit(new SlackCall.Ephemeral(thread.channelId(), userId, Optional.of(thread.threadTs()), text, List.of()));
    }

    @Override
    public void startFailed(ThreadKey thread, String messageTs, String reason) {
        outbound.submit(new SlackCall.Post(thread.channelId(), thread.threadTs(),
                ":x: I couldn't start an agent session: " + reason + ".", List.of(), Optional.of("startfailed:" + messageTs)));
    }

    // ---- ControlEvents ------------------------------------------------------------------------

    @Override
    public void confirmationAnswered(Binding binding, String toolUseId, String userId, boolean allowed, Instant at) {
        SessionView view = view(binding);
        view.lock.lock();
        try {
            if (view.turn != null && !view.halted) {
                view.turn.answered(toolUseId, userId, allowed, at);
                try {
                    syncCard(view, clock.instant());
                } catch (NotRendered e) {
                    view.halted = true;
                    return;
                }
                save(view, view.state);
            }
        } finally {
            view.lock.unlock();
        }
    }

    @Override
    public void controlled(Binding binding, String userId, String what) {
        outbound.submit(new SlackCall.Post(binding.thread().channelId(), binding.thread().threadTs(), "<@" + userId + "> " + what,
                List.of(context(c -> c.elements(List.of(markdownText("<@" + userId + "> " + what + "."))))), Optional.empty()));
    }

    // ---- views ----------------------------------------------------------------------------------

    private SessionView view(Binding binding) {
        String sessionId = binding.sessionId().orElseThrow();
        synchronized (views) {
            SessionView view = views.get(sessionId);
            if (view != null) {
                return view;
            }
        }
        SessionView rebuilt = rebuild(binding);
        synchronized (views) {
            return views.computeIfAbsent(sessionId, id -> rebuilt);
        }
    }

    /** After a restart (or an eviction): what was rendered, the post that was under way, the turn on screen. */
    private SessionView rebuild(Binding binding) {
        String sessionId = binding.sessionId().orElseThrow();
        RenderState state = states.find(sessionId).orElse(RenderState.fresh(sessionId));
        SessionView view = new SessionView(binding, state);
        // Posts interrupted by a crash are in the effect journal; each is resolved when its event is rendered again.
        if (state.turnFirstEventId().isPresent() && state.lastEventId().isPresent()) {
            try {
                refold(view, gateway.history(sessionId));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not rebuild the card of " + sessionId + ": " + e.getMessage());
            }
        }
        return view;
    }

    /** Folds the turn on screen again, from its first event to the last one rendered, without touching Slack. */
    private void refold(SessionView view, List<AgentEvent> history) {
        String first = view.state.turnFirstEventId().orElseThrow();
        String last = view.state.lastEventId().orElseThrow();
        boolean inTurn = false;
        for (AgentEvent event : history) {
            if (event.id().equals(first)) {
                inTurn = true;
                view.turn = new Turn(first, clock.instant());
            }
            if (inTurn) {
                view.turn.apply(event, clock.instant());
            }
            if (event.id().equals(last)) {
                break;
            }
        }
    }

    private void save(SessionView view, RenderState state) {
        view.state = state;
        states.save(state);
    }

    private void react(SessionView view, String ts, String emoji, boolean add) {
        if (ts != null) {
            outbound.submit(new SlackCall.React(view.thread().channelId(), ts, emoji, add));
        }
    }

    /** Slack's assistant status only exists in assistant (DM) threads; elsewhere reactions say it all. */
    private void assistantStatus(SessionView view, String status) {
        if (view.thread().channelId().startsWith("D")) {
            outbound.submit(new SlackCall.ThreadStatus(view.thread().channelId(), view.thread().threadTs(), status));
        }
    }

    private String previewText(String textSoFar) {
        AnswerFormatter.Formatted formatted = formatter.format(textSoFar);
        String first = formatted instanceof AnswerFormatter.Messages m && !m.texts().isEmpty() ? m.texts().getFirst()
                : ToolLabels.oneLine(textSoFar, 3_000);
        return first + " ▍";
    }

    private static RenderState withEvent(RenderState s, String eventId, boolean live) {
        return new RenderState(s.sessionId(), Optional.of(eventId), s.turnFirstEventId(), s.answerTs(), s.cardTs(),
                s.pendingPostKey(), s.lastStatus(), s.costUsd(), s.inputTokens(), s.outputTokens(), live);
    }

    private static RenderState withLive(RenderState s, boolean live) {
        return new RenderState(s.sessionId(), s.lastEventId(), s.turnFirstEventId(), s.answerTs(), s.cardTs(), s.pendingPostKey(),
                s.lastStatus(), s.costUsd(), s.inputTokens(), s.outputTokens(), live);
    }

    private static RenderState pending(RenderState s, Optional<String> key) {
        return new RenderState(s.sessionId(), s.lastEventId(), s.turnFirstEventId(), s.answerTs(), s.cardTs(), key,
                s.lastStatus(), s.costUsd(), s.inputTokens(), s.outputTokens(), s.live());
    }

    private static RenderState answerTs(RenderState s, Optional<String> ts) {
        return new RenderState(s.sessionId(), s.lastEventId(), s.turnFirstEventId(), ts, s.cardTs(), s.pendingPostKey(),
                s.lastStatus(), s.costUsd(), s.inputTokens(), s.outputTokens(), s.live());
    }

    private static RenderState with(RenderState s, java.util.function.UnaryOperator<RenderState> change) {
        return change.apply(s);
    }
}
