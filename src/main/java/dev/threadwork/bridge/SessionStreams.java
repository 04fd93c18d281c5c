package dev.threadwork.bridge;

import dev.threadwork.agents.AgentEvent;
import dev.threadwork.agents.SessionStreamListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds an event stream for each live session this instance leases, and only for those: a
 * session that went idle is detached and re-attached on its next user event.
 */
public final class SessionStreams implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SessionStreams.class.getName());

    private final SessionGateway gateway;
    private final LeaseStore leases;
    private final EventSink sink;
    private final String instanceId;
    private final Duration leaseTtl;
    private static final Duration RECENT_SEND = Duration.ofSeconds(30);

    private final ConcurrentHashMap<String, AutoCloseable> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> lastSent = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService renewer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lease-renewer").factory());

    public SessionStreams(SessionGateway gateway, LeaseStore leases, EventSink sink, String instanceId, Duration leaseTtl) {
        this.gateway = gateway;
        this.leases = leases;
        this.sink = sink;
        this.instanceId = instanceId;
        this.leaseTtl = leaseTtl;
        long period = Math.max(1, leaseTtl.toSeconds() / 3);
        renewer.scheduleAtFixedRate(this::renewLeases, period, period, TimeUnit.SECONDS);
    }

    /**
     * Makes sure the session's stream is open on this instance. Returns false when another
     * instance holds the session's lease (it streams the session instead).
     */
    public boolean ensureAttached(Binding binding) {
        String sessionId = binding.sessionId().orElseThrow();
        if (open.containsKey(sessionId)) {
            return true;
        }
        lockFor(sessionId).lock();
        try {
            if (open.containsKey(sessionId)) {
                return true;
            }
            if (!leases.tryAcquire(sessionId, instanceId, Instant.now().plus(leaseTtl))) {
                return false;
            }
            Optional<String> resumeAfter = sink.resumeAfter(sessionId);
            Listener listener = new Listener(binding);
            AutoCloseable stream = gateway.attach(sessionId, resumeAfter, listener);
            if (!listener.bind(stream)) {
                // It finished before we could record it: an entry now would be a dead stream nobody replaces.
                leases.release(sessionId, instanceId);
                return true;
            }
            LOG.fine(() -> "Streaming " + sessionId + " after " + resumeAfter.orElse("the start"));
            return true;
        } finally {
            lockFor(sessionId).unlock();
        }
    }

    /**
     * Re-attaches the given sessions in the background, one after another (the client's rate limiter
     * paces them). Those the API cannot take now (an outage at start-up) are tried again with backoff
     * until they are attached or the bot stops: their turns' answers must not wait for the next message.
     */
    public void reattach(List<Binding> bindings) {
        workers.execute(() -> {
            List<Binding> left = new java.util.ArrayList<>(bindings);
            long backoffMillis = 1_000;
            while (!left.isEmpty() && !workers.isShutdown()) {
                left.removeIf(binding -> {
                    try {
                        ensureAttached(binding);
                        return true;
                    } catch (SessionGateway.Rejected e) {
                        LOG.info(() -> "Not re-attaching session " + binding.sessionId().orElse("?") + ": " + e.getMessage());
                        return true;
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Could not re-attach session " + binding.sessionId().orElse("?")
                                + " yet: " + e.getMessage());
                        return false;
                    }
                });
                if (!left.isEmpty()) {
                    try {
                        Thread.sleep(backoffMillis); // the API is unavailable: try the rest again later
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backoffMillis = Math.min(backoffMillis * 2, 30_000);
                }
            }
        });
    }

    /**
     * A message is about to be sent to the session: make sure its stream is open, and keep it open
     * for a while even if an idle event from before the message asks to close it.
     */
    public void sending(Binding binding) {
        String sessionId = binding.sessionId().orElseThrow();
        lockFor(sessionId).lock();
        try {
            lastSent.put(sessionId, Instant.now());
            ensureAttached(binding);
        } finally {
            lockFor(sessionId).unlock();
        }
    }

    /**
     * Closes the session's stream and gives up its lease (the session went idle or ended), unless a
     * message went to the session moments ago: the idle event may predate it, so the stream stays
     * and the question is asked again later.
     */
    public void detach(String sessionId) {
        workers.execute(() -> {
            lockFor(sessionId).lock();
            try {
                Instant sent = lastSent.get(sessionId);
                if (sent != null && sent.isAfter(Instant.now().minus(RECENT_SEND))) {
                    renewer.schedule(() -> {
                        if (!sink.live(sessionId)) {
                            detach(sessionId);
                        }
                    }, RECENT_SEND.toSeconds(), TimeUnit.SECONDS);
                    return;
                }
                lastSent.remove(sessionId);
                AutoCloseable stream = open.remove(sessionId);
                closeQuietly(stream);
                leases.release(sessionId, instanceId);
            } finally {
                lockFor(sessionId).unlock();
            }
        });
    }

    public boolean attached(String sessionId) {
        return open.containsKey(sessionId);
    }

    public int openCount() {
        return open.size();
    }

    private void renewLeases() {
        try {
            if (!open.isEmpty()) {
                leases.renew(instanceId, List.copyOf(open.keySet()), Instant.now().plus(leaseTtl));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not renew session leases: " + e.getMessage());
        }
    }

    /**
     * Striped, so that memory stays bounded however many sessions come and go; locks rather than
     * monitors, because the holder waits for a connection and must not pin a virtual thread's carrier.
     */
    private final java.util.concurrent.locks.ReentrantLock[] locks = java.util.stream.Stream
            .generate(java.util.concurrent.locks.ReentrantLock::new).limit(64)
            .toArray(java.util.concurrent.locks.ReentrantLock[]::new);

    private java.util.concurrent.locks.ReentrantLock lockFor(String sessionId) {
        return locks[Math.floorMod(sessionId.hashCode(), locks.length)];
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Closing a stream failed", e);
        }
    }

    /**
     * Closes every stream and waits (bounded) until their readers have finished rendering, so nothing
     * renders into an outbound queue that is already stopped. A reader still waiting for Slack when
     * the time is up stops when that queue fails its calls, without recording the event as rendered.
     */
    @Override
    public void close() {
        renewer.shutdownNow();
        List<AutoCloseable> closing = List.copyOf(open.values());
        open.forEach((sessionId, stream) -> {
            closeQuietly(stream);
            leases.release(sessionId, instanceId);
        });
        open.clear();
        workers.shutdown();
        long deadline = System.nanoTime() + JOIN_AT_STOP.toNanos();
        try {
            for (AutoCloseable stream : closing) {
                while (stream instanceof dev.threadwork.agents.SessionStream s && !s.isClosed() && System.nanoTime() < deadline) {
                    Thread.sleep(10); // the reader sets the flag as it leaves
                }
            }
            workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    private static final Duration JOIN_AT_STOP = Duration.ofSeconds(5);

    private final class Listener implements SessionStreamListener {
        private final Binding binding;
        private final java.util.concurrent.locks.ReentrantLock guard = new java.util.concurrent.locks.ReentrantLock();
        private AutoCloseable stream;
        private boolean closed;

        Listener(Binding binding) {
            this.binding = binding;
        }

        /** Records this listener's stream as the session's open one, unless it already closed. */
        boolean bind(AutoCloseable opened) {
            guard.lock();
            try {
                if (closed) {
                    return false;
                }
                stream = opened;
                open.put(binding.sessionId().orElseThrow(), opened);
                return true;
            } finally {
                guard.unlock();
            }
        }

        @Override
        public void onEvent(AgentEvent event) {
            if (!sink.onEvent(binding, event)) {
                detach(binding.sessionId().orElseThrow());
            }
        }

        @Override
        public void onPreview(AgentEvent.TextPreview preview) {
            sink.onPreview(binding, preview);
        }

        @Override
        public void onReconnecting(int attempt, Throwable cause) {
            sink.onReconnecting(binding, attempt);
        }

        @Override
        public void onClosed(Throwable causeOrNull) {
            String sessionId = binding.sessionId().orElseThrow();
            AutoCloseable mine;
            guard.lock();
            try {
                closed = true;
                mine = stream;
            } finally {
                guard.unlock();
            }
            // Only this listener's own stream: a late close of an old stream must not remove its replacement.
            if (mine != null && open.remove(sessionId, mine)) {
                leases.release(sessionId, instanceId);
            }
        }
    }
}
