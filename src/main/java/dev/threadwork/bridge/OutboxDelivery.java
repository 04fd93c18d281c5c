package dev.threadwork.bridge;

import dev.threadwork.agents.OutboundEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox to sessions: one message at a time per thread, in the order Slack gave
 * them, many threads at once. When the agents API is unavailable a message waits with backoff
 * (the thread is told once); when its session can never take it, the thread is told why.
 */
public final class OutboxDelivery implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class.getName());
    private static final int BATCH = 200;
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final OutboxStore outbox;
    private final BindingStore bindings;
    private final SessionStarter starter;
    private final MessageComposer composer;
    private final SessionGateway gateway;
    private final SessionStreams streams;
    private final ThreadNotices notices;
    private final EffectJournal journal;
    private final Clock clock;
    private final MessageAttachments attachments;
    private final Set<ThreadKey> inFlight = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread dispatcher;
    private volatile boolean running = true;

    public OutboxDelivery(OutboxStore outbox, BindingStore bindings, SessionStarter starter, MessageComposer composer,
                          SessionGateway gateway, SessionStreams streams, ThreadNotices notices, EffectJournal journal,
                          Clock clock) {
        this(outbox, bindings, starter, composer, gateway, streams, notices, journal, clock, MessageAttachments.NONE);
    }

    public OutboxDelivery(OutboxStore outbox, BindingStore bindings, SessionStarter starter, MessageComposer composer,
                          SessionGateway gateway, SessionStreams streams, ThreadNotices notices, EffectJournal journal,
                          Clock clock, MessageAttachments attachments) {
        this.attachments = attachments;
        this.outbox = outbox;
        this.bindings = bindings;
        this.starter = starter;
        this.composer = composer;
        this.gateway = gateway;
        this.streams = streams;
        this.notices = notices;
        this.journal = journal;
        this.clock = clock;
        this.dispatcher = Thread.ofPlatform().daemon().name("outbox-dispatcher").unstarted(this::dispatchLoop);
    }

    public void start() {
        dispatcher.start();
    }

    /** Something was stored: look now rather than at the next poll. */
    public void wake() {
        wake.release();
    }

    private void dispatchLoop() {
        while (running) {
            try {
                for (InboundMessage head : outbox.dueHeads(clock.instant(), BATCH)) {
                    if (inFlight.add(head.thread())) {
                        workers.execute(() -> {
                            try {
                                deliver(head);
                            } finally {
                                inFlight.remove(head.thread());
                                wake();
                            }
                        });
                    }
                }
                wake.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Outbox dispatch failed; retrying: " + e.getMessage());
                sleepQuietly(IDLE_POLL);
            }
        }
    }

    void deliver(InboundMessage queued) {
        // The dispatcher's list can be older than the last delivery of this thread: read the row again,
        // so a message delivered a moment ago is not sent a second time.
        InboundMessage message = outbox.find(queued.id()).orElse(null);
        if (message == null || message.state() == InboundMessage.State.DELIVERED
                || message.state() == InboundMessage.State.FAILED) {
            return;
        }
        try {
            Binding binding = bindingFor(message);
            if (binding == null) {
                return;
            }
            String sessionId = binding.sessionId().orElseThrow();
            // Open the stream before sending, or the agent's first events arrive late in one batch.
            streams.ensureAttached(binding);
            String key = sendKey(message);
            EffectJournal.Effect send = journal.begin(key, EffectJournal.Kinds.EVENT_SEND, Optional.of(message.thread()),
                    Optional.of(sessionId), 0);
            if (send.done() || (send.attempts() > 1 || send.state() == EffectJournal.State.UNKNOWN)
                    && gateway.countMarked(sessionId, marker(message)) > 0) {
                // An earlier attempt got through before a crash or an ambiguous failure: look, never repeat.
                journal.done(key, "found in the session's history");
                outbox.markDelivered(message.id());
                notices.delivered(message.thread(), message.messageTs());
                return;
            }
            // Files first: the text names where the agent finds them (mounting is once per file, whatever happens).
            String text = message.sentText().orElseGet(() -> composer.compose(message, binding)
                    + attachments.attach(message, binding));
            outbox.markSending(message.id(), text);
            streams.sending(binding);
            // Before the send: the agent's first events can be rendered before the send returns.
            notices.sending(message.thread(), message.messageTs());
            CrashPoints.hit("send.before");
            journal.call(key, () -> {
                gateway.send(sessionId, new OutboundEvent.UserMessage(text, Optional.of(marker(message)),
                        attachments.imageFileIds(message, binding)));
                CrashPoints.hit("send.after");
                return "sent";
            }, result -> result);
            outbox.markDelivered(message.id());
            CrashPoints.hit("send.committed");
            notices.delivered(message.thread(), message.messageTs());
        } catch (SessionGateway.Unavailable e) {
            Duration backoff = backoff(message.attempts());
            outbox.retryLater(message.id(), clock.instant().plus(backoff), e.getMessage());
            if (message.attempts() == 0) {
                notices.queued(message.thread(), message.messageTs());
            }
            LOG.info(() -> "Agents API unavailable; message " + message.id() + " waits " + backoff.toSeconds() + " s");
        } catch (SessionGateway.Rejected e) {
            outbox.markFailed(message.id(), e.getMessage());
            boolean neverStarted = message.kind() == InboundMessage.Kind.START
                    && bindings.find(message.thread()).flatMap(Binding::sessionId).isEmpty();
            if (neverStarted) {
                notices.startFailed(message.thread(), message.messageTs(), e.getMessage());
                return;
            }
            if (e.sessionGone()) {
                bindings.find(message.thread()).flatMap(Binding::sessionId).ifPresent(sessionId -> {
                    bindings.markEnded(sessionId);
                    streams.detach(sessionId);
                });
            }
            notices.undeliverable(message.thread(), message.messageTs(), e.getMessage(), message.id());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Delivering message " + message.id() + " failed; will retry", e);
            outbox.retryLater(message.id(), clock.instant().plus(backoff(message.attempts())), e.toString());
        }
    }

    /** The journal key of an outbox row's send: the same on every attempt and on every instance. */
    static String sendKey(InboundMessage message) {
        return "send:" + message.id();
    }

    /**
     * The marker that goes with the row's {@code user.message} as a text block of its own: counting it in
     * the history tells whether this row was sent, where comparing texts cannot ("yes", later "yes").
     */
    static String marker(InboundMessage message) {
        return "[threadwork message " + message.id() + "]";
    }

    /** The binding with a session to send to, starting the session if this message asks for one. */
    private Binding bindingFor(InboundMessage message) {
        Optional<Binding> found = bindings.find(message.thread());
        if (message.kind() == InboundMessage.Kind.START) {
            return starter.ensureSession(message, found);
        }
        if (found.isEmpty() || !found.get().live()) {
            String reason = found.isEmpty() ? "this thread has no agent session" : "this thread's session has ended";
            outbox.markFailed(message.id(), reason);
            notices.undeliverable(message.thread(), message.messageTs(), reason, message.id());
            return null;
        }
        if (found.get().sessionId().isEmpty()) {
            // The session that the thread's first message asked for failed to start.
            outbox.markFailed(message.id(), "the session for this thread could not be started");
            notices.undeliverable(message.thread(), message.messageTs(), "the session for this thread could not be started",
                    message.id());
            return null;
        }
        return found.get();
    }

    static Duration backoff(int attempts) {
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempts, 5));
        return Duration.ofSeconds(seconds);
    }

    /** Whether a message is being delivered right now, or one is due and can go now (a graceful stop waits for these). */
    public boolean busy() {
        return !inFlight.isEmpty() || !outbox.dueHeads(clock.instant(), 1).isEmpty();
    }

    /** Undelivered messages across all threads. */
    public int backlog() {
        return outbox.undeliveredCount();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis()); // back off after a database failure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        dispatcher.interrupt();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    /** Messages not yet handed to a worker are simply left in the outbox for the next start. */
    public List<ThreadKey> inFlight() {
        return List.copyOf(inFlight);
    }
}
