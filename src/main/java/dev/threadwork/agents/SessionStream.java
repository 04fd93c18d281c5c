package dev.threadwork.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * One session's events, each exactly once and in order, across dropped connections. Follows the
 * documented pattern: open the stream, then read the history and emit what came after the last
 * seen event, then the live events, dropping any id already seen. A connection silent for longer
 * than the idle limit is dropped and reopened; no read timeout cuts a healthy long stream.
 *
 * <p>One blocking read per virtual thread: OkHttp's asynchronous dispatcher would cap streams at
 * five per host.
 */
public final class SessionStream implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SessionStream.class.getName());
    private static final int SEEN_IDS_KEPT = 10_000;
    private static final int HISTORY_PAGE = 1_000;

    private final ApiHttp api;
    private final OkHttpClient streamHttp;
    private final EventMapper mapper;
    private final String sessionId;
    private final boolean previews;
    private final SessionStreamListener listener;
    private final Duration idleTimeout;
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    /** Released by close(): wakes a reconnect backoff. The reader is never interrupted, because it may be
     * inside the listener writing to a database (an interrupt closes an H2 file channel). */
    private final CountDownLatch closedSignal = new CountDownLatch(1);
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private final Map<String, StringBuilder> previewText = new HashMap<>();
    private volatile Optional<String> lastSeen;
    private volatile Call current;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile Throwable fatal;

    SessionStream(ApiHttp api, OkHttpClient streamHttp, EventMapper mapper, String sessionId, Optional<String> lastSeenEventId,
                  boolean previews, SessionStreamListener listener, Duration idleTimeout) {
        this.api = api;
        this.streamHttp = streamHttp;
        this.mapper = mapper;
        this.sessionId = sessionId;
        this.lastSeen = lastSeenEventId;
        this.previews = previews;
        this.listener = listener;
        this.idleTimeout = idleTimeout;
        lastSeenEventId.ifPresent(seen::add);
    }

    void start() {
        Thread.ofVirtual().name("stream-" + sessionId).start(this::run);
    }

    /** Waits until the stream is connected for the first time (events after this moment cannot be missed). */
    public void awaitConnected(Duration within) {
        try {
            if (!firstConnection.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AgentsApiException(0, null, "the event stream did not connect within " + within.toSeconds() + " s",
                        null, false, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentsApiException(0, null, "interrupted", null, false, e);
        }
        if (fatal != null) {
            throw fatal instanceof AgentsApiException api ? api
                    : new AgentsApiException(0, null, fatal.getMessage(), null, false, fatal);
        }
    }

    public boolean isConnected() {
        return connected && !closed;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Called by the client's watchdog: cuts a connection that has been silent too long. */
    void checkIdle(long nowNanos) {
        Call call = current;
        if (call != null && connected && nowNanos - lastActivityNanos > idleTimeout.toNanos()) {
            LOG.fine(() -> "Stream of " + sessionId + " silent for " + idleTimeout.toSeconds() + " s; reconnecting");
            call.cancel();
        }
    }

    private void run() {
        int attempt = 0;
        while (!closed) {
            try {
                api.beforeStreamConnect();
                HttpUrl url = api.url("/v1/sessions/" + sessionId + "/events/stream",
                        previews ? Map.of("event_deltas[]", "agent.message") : Map.of());
                Call call = streamHttp.newCall(api.request(url).header("accept", "text/event-stream").get().build());
                current = call;
                if (closed) {
                    break;
                }
                try (Response response = call.execute()) {
                    if (!response.isSuccessful()) {
                        AgentsApiException error = api.error(response);
                        if (!error.retryable()) {
                            fatal = error;
                            firstConnection.countDown();
                            listener.onClosed(error);
                            return;
                        }
                        throw error;
                    }
                    lastActivityNanos = System.nanoTime();
                    connected = true;
                    firstConnection.countDown();
                    backfill();
                    attempt = 0;
                    read(response.body().source());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IOException | RuntimeException e) {
                connected = false;
                if (closed) {
                    break;
                }
                attempt++;
                listener.onReconnecting(attempt, e);
                Duration wait = e instanceof AgentsApiException api && api.status() == 429 ? api().backoff(attempt + 2)
                        : api().backoff(attempt);
                int failures = attempt;
                LOG.log(Level.FINE, () -> "Stream of " + sessionId + " dropped (" + e.getClass().getSimpleName()
                        + "); reconnect " + failures + " in " + wait.toMillis() + " ms");
                try {
                    if (closedSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        break; // closed while backing off
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        connected = false;
        listener.onClosed(null);
    }

    private ApiHttp api() {
        return api;
    }

    /** Emits what the history holds after the last event seen, oldest first. */
    private void backfill() {
        Optional<String> page = Optional.empty();
        List<AgentEvent> history = new java.util.ArrayList<>();
        do {
            Map<String, String> query = new HashMap<>();
            query.put("limit", Integer.toString(HISTORY_PAGE));
            page.ifPresent(token -> query.put("page", token));
            JsonNode answer = api.get("/v1/sessions/" + sessionId + "/events", query);
            answer.path("data").forEach(node -> history.add(mapper.map(node)));
            JsonNode next = answer.path("next_page");
            page = next.isTextual() && !next.asText().isBlank() ? Optional.of(next.asText()) : Optional.empty();
        } while (page.isPresent() && !closed);
        int start = 0;
        if (lastSeen.isPresent()) {
            for (int i = 0; i < history.size(); i++) {
                if (history.get(i).id().equals(lastSeen.get())) {
                    start = i + 1;
                    break;
                }
            }
        }
        for (AgentEvent event : history.subList(start, history.size())) {
            emit(event);
        }
    }

    private void read(BufferedSource source) throws IOException {
        String eventType = null;
        StringBuilder data = new StringBuilder();
        while (!closed) {
            String line = source.readUtf8Line();
            if (line == null) {
                throw new IOException("the server closed the event stream");
            }
            lastActivityNanos = System.nanoTime();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    dispatch(eventType, data.toString());
                }
                eventType = null;
                data.setLength(0);
            } else if (line.startsWith(":")) {
                continue; // SSE comment: a heartbeat
            } else if (line.startsWith("event:")) {
                eventType = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
    }

    private void dispatch(String eventType, String data) {
        if ("ping".equals(eventType) || "heartbeat".equals(eventType) || data.equals("[DONE]")) {
            return;
        }
        JsonNode node;
        try {
            node = api.json().readTree(data);
        } catch (IOException e) {
            LOG.fine(() -> "Ignored a stream frame that is not JSON for " + sessionId);
            return;
        }
        String type = node.path("type").asText(eventType == null ? "" : eventType);
        switch (type) {
            case "ping", "heartbeat" -> {
            }
            case "event_start" -> {
                String key = node.path("event").path("id").asText("current");
                previewText.put(key, new StringBuilder());
            }
            case "event_delta" -> {
                String key = node.path("event_id").asText("current");
                StringBuilder text = previewText.computeIfAbsent(key, k -> new StringBuilder());
                text.append(node.path("delta").path("content").path("text").asText(""));
                listener.onPreview(new AgentEvent.TextPreview(key, text.toString()));
            }
            default -> {
                if (!node.hasNonNull("id")) {
                    return; // stream-only frames without an id are never persisted or replayed
                }
                AgentEvent event = mapper.map(node);
                if (event instanceof AgentEvent.AgentText) {
                    previewText.clear();
                }
                emit(event);
            }
        }
    }

    private void emit(AgentEvent event) {
        if (event.id().isEmpty() || !seen.add(event.id())) {
            return; // already delivered (history and live overlap, or a duplicate)
        }
        if (seen.size() > SEEN_IDS_KEPT) {
            seen.remove(seen.iterator().next());
        }
        lastSeen = Optional.of(event.id());
        listener.onEvent(event);
    }

    @Override
    public void close() {
        closed = true;
        connected = false;
        closedSignal.countDown();
        Call call = current;
        if (call != null) {
            call.cancel(); // unblocks a read; the reader then sees closed and stops
        }
    }
}
