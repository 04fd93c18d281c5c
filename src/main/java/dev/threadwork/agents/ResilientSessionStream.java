package dev.threadwork.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One session's event stream, delivering every persisted event exactly once and in order across
 * dropped connections, with the documented pattern: open the SSE stream, then page through the
 * history, deliver history, then live events, dropping ids already delivered.
 *
 * <p>One blocking connection per virtual thread: no OkHttp async dispatcher (whose 5-per-host cap
 * would starve thousands of streams) and no thread pool to size. Events that arrive while the
 * history is read wait in the socket buffer and are read (and deduplicated) afterwards, so a single
 * thread keeps the order without locks.
 *
 * <p>The resume cursor is the last delivered id: on each (re)connect the history is skipped up to
 * and including it. If the history does not contain it (a foreign or mistyped id) everything is
 * delivered rather than silently dropped.
 */
final class ResilientSessionStream implements SessionStream {

    private static final Logger LOG = System.getLogger(ResilientSessionStream.class.getName());
    private static final Set<String> HEARTBEATS = Set.of("ping", "heartbeat", "keepalive");
    private static final int SEEN_IDS = 1024;

    private final String sessionId;
    private final boolean textPreviews;
    private final SessionStreamListener listener;
    private final OkHttpClient http;
    private final Request request;
    private final HistoryReader history;
    private final ClientRateLimiter limiter;
    private final Backoff backoff;
    private final ApiErrors errors;
    private final EventMapper mapper;
    private final ObjectMapper json;
    private final SeenEventIds seen = new SeenEventIds(SEEN_IDS);
    private final PreviewAccumulator previews = new PreviewAccumulator();
    private final AtomicBoolean finished = new AtomicBoolean();

    private volatile Optional<String> cursor;
    private final java.util.concurrent.CountDownLatch closedSignal = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile Call current;
    private volatile Thread thread;
    private boolean sessionEnded; // stream thread only

    ResilientSessionStream(String sessionId, Optional<String> lastSeenEventId, boolean textPreviews,
                           SessionStreamListener listener, OkHttpClient http, Request request, HistoryReader history,
                           ClientRateLimiter limiter, Backoff backoff, ApiErrors errors, EventMapper mapper,
                           ObjectMapper json) {
        this.sessionId = sessionId;
        this.cursor = lastSeenEventId;
        this.textPreviews = textPreviews;
        this.listener = listener;
        this.http = http;
        this.request = request;
        this.history = history;
        this.limiter = limiter;
        this.backoff = backoff;
        this.errors = errors;
        this.mapper = mapper;
        this.json = json;
    }

    void start() {
        thread = Thread.ofVirtual().name("agents-stream-" + sessionId).start(this::run);
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public boolean isClosed() {
        return finished.get();
    }

    @Override
    public Optional<String> lastDeliveredEventId() {
        return cursor;
    }

    @Override
    public void close() {
        closed = true;
        Call call = current;
        if (call != null) {
            call.cancel();
        }
        // Never interrupt the reader: it may be inside the listener writing to the database, and an
        // interrupt closes an H2 file channel (and with it the database). The signal wakes a backoff.
        closedSignal.countDown();
    }

    private void run() {
        int failures = 0;
        try {
            while (!closed) {
                Throwable cause;
                Optional<Duration> retryAfter = Optional.empty();
                try {
                    connectOnce();
                    if (sessionEnded || closed) {
                        break;
                    }
                    cause = new IOException("stream ended by the server");
                    failures = 0; // a connection that delivered its history counts as healthy
                } catch (AgentsApiException e) {
                    if (closed) {
                        break;
                    }
                    if (e.notFound()) {
                        finish(null); // the session is gone: nothing more will ever come
                        return;
                    }
                    if (!e.transientFailure()) {
                        finish(e);
                        return;
                    }
                    cause = e;
                    retryAfter = e.retryAfter();
                } catch (IOException e) {
                    if (closed) {
                        break;
                    }
                    cause = e; // includes the idle timeout (SocketTimeoutException)
                }
                connected = false;
                failures++;
                LOG.log(Level.DEBUG, "stream " + sessionId + " reconnecting (" + failures + "): " + cause);
                try {
                    listener.onReconnecting(failures, cause);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "listener of stream " + sessionId + " failed on reconnect", e);
                }
                if (closedSignal.await(backoff.delay(failures, retryAfter).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            finish(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(null);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "stream " + sessionId + " failed", e);
            finish(e);
        }
    }

    /** One connection: open, catch up from the history, then read live events until the end. */
    private void connectOnce() throws IOException, InterruptedException {
        limiter.acquire(ClientRateLimiter.Kind.READ); // stream connections count as reads
        Call call = http.newCall(request);
        current = call;
        if (closed) {
            call.cancel();
            return;
        }
        try (Response response = call.execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful()) {
                JsonNode error = null;
                try {
                    error = json.readTree(body == null ? "" : body.string());
                } catch (IOException | RuntimeException unreadable) {
                    // keep null: the status alone decides
                }
                throw errors.fromHttp(response.code(), error, response::headers, null);
            }
            connected = true;
            catchUp();
            if (sessionEnded || closed || body == null) {
                return;
            }
            readLive(new SseReader(body.source()));
        } finally {
            current = null;
            connected = false;
        }
    }

    /** Delivers the history after the cursor. */
    private void catchUp() {
        Optional<String> after = cursor;
        boolean found = deliverHistory(after);
        if (!found && !closed && !sessionEnded) {
            LOG.log(Level.WARNING, "stream " + sessionId + ": last seen event " + after.get()
                    + " is not in the history; delivering all of it");
            deliverHistory(Optional.empty());
        }
    }

    /** Pages through the history, delivering events after {@code skipUntil}; false when it was not found. */
    private boolean deliverHistory(Optional<String> skipUntil) {
        boolean skipping = skipUntil.isPresent();
        Optional<String> page = Optional.empty();
        do {
            Page<AgentEvent> events = history.page(sessionId, page);
            for (AgentEvent event : events.data()) {
                if (closed || sessionEnded) {
                    return true;
                }
                if (skipping) {
                    skipping = !event.id().equals(skipUntil.get());
                    continue;
                }
                deliver(event);
            }
            page = events.nextPage();
        } while (page.isPresent() && !closed && !sessionEnded);
        return !skipping;
    }

    private void readLive(SseReader reader) throws IOException {
        SseReader.Frame frame;
        while (!closed && !sessionEnded && (frame = reader.next()) != null) {
            if (HEARTBEATS.contains(frame.event()) || frame.data().isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(frame.data());
            } catch (IOException notJson) {
                LOG.log(Level.WARNING, "stream " + sessionId + ": skipped a frame that is not JSON");
                continue;
            }
            String type = node.path("type").asText(frame.event());
            if (HEARTBEATS.contains(type)) {
                continue;
            }
            if (type.equals("event_start") || type.equals("event_delta")) {
                if (textPreviews) {
                    previews.accept(node).ifPresent(this::preview);
                }
                continue;
            }
            deliver(mapper.map(node));
        }
    }

    private void deliver(AgentEvent event) {
        if (!event.id().isEmpty() && !seen.firstTime(event.id())) {
            return;
        }
        if (!event.id().isEmpty()) {
            cursor = Optional.of(event.id());
        }
        if (event instanceof AgentEvent.AgentText) {
            previews.completed(event.id());
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "listener of stream " + sessionId + " failed on event " + event.id(), e);
        }
        if (event instanceof AgentEvent.StatusChange change
                && change.status() == AgentEvent.SessionStatus.TERMINATED) {
            sessionEnded = true;
        }
    }

    private void preview(AgentEvent.TextPreview preview) {
        try {
            listener.onPreview(preview);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "listener of stream " + sessionId + " failed on a preview", e);
        }
    }

    private void finish(Throwable cause) {
        connected = false;
        if (finished.compareAndSet(false, true)) {
            try {
                listener.onClosed(cause);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "listener of stream " + sessionId + " failed on close", e);
            }
        }
    }
}
