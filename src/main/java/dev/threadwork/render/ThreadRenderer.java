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
                          ThreadSearch search, AnswerFormatter formatter, CostEstimator costs, Clock clock) {
        this.outbound = outbound;
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
            try {
                render(view, event);
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
            if (view.state.answerTs().isEmpty()) {
                String key = "preview:" + view.sessionId() + ":" + preview.messageKey();
                view.previewKey = key;
                post(view, key, text, List.of()).ifPresent(ts -> save(view, with(view.state, s -> answerTs(s, Optional.of(ts)))));
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
                outbound.submit(new SlackCall.Upload(channel, view.thread().threadTs(), file.filename(), "Full answer",
                        file.content()));
            }
        }
        int first = 0;
        if (view.state.answerTs().isPresent() && !parts.isEmpty()) {
            // The live preview becomes the first part of the final answer.
            outbound.submit(new SlackCall.Update(channel, view.state.answerTs().get(), parts.getFirst(), List.of()));
            first = 1;
        }
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
     * Posts once: the key is recorded before the call and carried in the message's metadata, so
     * after a crash the message is found again instead of posted a second time.
     */
    private Optional<String> post(SessionView view, String key, String text, List<com.slack.api.model.block.LayoutBlock> blocks) {
        String known = view.posted.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        save(view, pending(view.state, Optional.of(key)));
        try {
            Optional<String> ts = outbound.submit(new SlackCall.Post(view.thread().channelId(), view.thread().threadTs(), text,
                    blocks, Optional.of(key))).join();
            ts.ifPresent(value -> view.posted.put(key, value));
            view.state = pending(view.state, Optional.empty());
            return ts;
        } catch (CompletionException e) {
            LOG.log(Level.WARNING, "Could not post to " + view.thread() + ": " + e.getCause().getMessage());
            view.state = pending(view.state, Optional.empty());
            return Optional.empty();
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
            if (view.turn != null) {
                view.turn.answered(toolUseId, userId, allowed, at);
                syncCard(view, clock.instant());
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
        state.pendingPostKey().ifPresent(key -> {
            try {
                search.findPosted(binding.thread().channelId(), binding.thread().threadTs(), key)
                        .ifPresent(ts -> view.posted.put(key, ts));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not look for an interrupted post in " + binding.thread() + ": " + e.getMessage());
            }
        });
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
