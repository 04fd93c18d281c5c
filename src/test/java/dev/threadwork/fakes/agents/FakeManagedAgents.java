package dev.threadwork.fakes.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback fake of the Managed Agents API, faithful to ../shared/managed-agents-api.md: agents,
 * environments, sessions, events (send, list with pagination) and the SSE event stream, with
 * scripted agent turns and injectable faults (429 with retry-after, 5xx outages, connection
 * resets, streams cut after N events, duplicated events).
 */
public final class FakeManagedAgents implements AutoCloseable {

    public static final String API_KEY = "sk-ant-test-b7c1e0d2a9f84e6c";
    private static final Pattern SESSION_PATH = Pattern.compile("^/v1/sessions/([^/]+)(/.*)?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final HttpServer server;
    private final Map<String, String> agents = new ConcurrentHashMap<>();
    private final Map<String, String> environments = new ConcurrentHashMap<>();
    private final Map<String, FakeSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> createRequests = new ConcurrentHashMap<>();
    private final AtomicInteger createdIds = new AtomicInteger();
    private final FakeFilesApi files = new FakeFilesApi();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private final AtomicLong eventIds = new AtomicLong();
    private final AtomicInteger sessionIds = new AtomicInteger();
    private final AtomicInteger streamConnections = new AtomicInteger();
    private volatile BiConsumer<SessionHandle, String> script = Scripts.ECHO;
    private final Map<String, Runnable> afterAllow = new ConcurrentHashMap<>();
    // faults
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile String failureRetryAfter;
    private volatile boolean outage;
    private volatile boolean resetConnections;
    private volatile int cutStreamsAfter = -1;
    private volatile boolean duplicateEvents;
    private final List<MatchingFault> matchingFaults = new CopyOnWriteArrayList<>();

    private record MatchingFault(Pattern request, AtomicInteger left, int status, boolean afterExecuting) {
        boolean take(String methodAndPath) {
            return request.matcher(methodAndPath).matches() && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }

    public FakeManagedAgents() {
        this(API_KEY, 0);
    }

    public FakeManagedAgents(String apiKey, int port) {
        this.apiKey = apiKey;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        agents.put("agent_default", "Default agent");
        environments.put("env_default", "Default environment");
    }

    public FakeManagedAgents start() {
        server.start();
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        sessions.values().forEach(session -> session.subscribers.forEach(s -> s.offer(Subscriber.END)));
        server.stop(0);
    }

    // ---- test controls ---------------------------------------------------------------------------

    public FakeManagedAgents addAgent(String id, String name) {
        agents.put(id, name);
        return this;
    }

    public FakeManagedAgents addEnvironment(String id, String name) {
        environments.put(id, name);
        return this;
    }

    /** What the agent does with each user message: {@code (session, text) -> …}. */
    public FakeManagedAgents script(BiConsumer<SessionHandle, String> script) {
        this.script = script;
        return this;
    }

    /** The next {@code times} requests (any path) answer {@code status}, with {@code retry-after} if given. */
    public FakeManagedAgents failNext(int times, int status, Integer retryAfterSeconds) {
        failureStatus = status;
        failureRetryAfter = retryAfterSeconds == null ? null : retryAfterSeconds.toString();
        failuresLeft.set(times);
        return this;
    }

    /** While on, every request answers 503 overloaded (and open streams are cut). */
    public FakeManagedAgents outage(boolean on) {
        outage = on;
        if (on) {
            sessions.values().forEach(session -> session.subscribers.forEach(s -> s.offer(Subscriber.END)));
        }
        return this;
    }

    /** While on, connections are closed without an answer. */
    public FakeManagedAgents resetConnections(boolean on) {
        resetConnections = on;
        return this;
    }

    /**
     * The next {@code times} requests whose "METHOD path" matches {@code requestRegex} answer
     * {@code status}; with {@code afterExecuting} the request is carried out first and only its answer
     * is lost (the client cannot tell whether it happened).
     */
    public FakeManagedAgents failMatching(String requestRegex, int times, int status, boolean afterExecuting) {
        matchingFaults.add(new MatchingFault(Pattern.compile(requestRegex), new AtomicInteger(times), status, afterExecuting));
        return this;
    }

    /** Each stream connection is cut after sending this many events (-1: never). */
    public FakeManagedAgents cutStreamsAfter(int events) {
        cutStreamsAfter = events;
        return this;
    }

    /** Each event is sent twice on the stream. */
    public FakeManagedAgents duplicateEvents(boolean on) {
        duplicateEvents = on;
        return this;
    }

    public List<String> sessionIds() {
        return List.copyOf(sessions.keySet());
    }

    public FakeSession session(String id) {
        return sessions.get(id);
    }

    /** Makes the fake agent act in a session now, outside any user message (e.g. a late event). */
    public SessionHandle act(String sessionId) {
        return new SessionHandle(sessions.get(sessionId), JSON, afterAllow);
    }

    /** The text of every {@code user.message} the session received, in order. */
    public List<String> userMessages(String sessionId) {
        FakeSession session = sessions.get(sessionId);
        if (session == null) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        synchronized (session) {
            for (ObjectNode event : session.events) {
                if ("user.message".equals(event.path("type").asText())) {
                    texts.add(event.path("content").path(0).path("text").asText());
                }
            }
        }
        return texts;
    }

    /** The Files API and session resources of this fake. */
    public FakeFilesApi files() {
        return files;
    }

    public List<String> requestLog() {
        return List.copyOf(requestLog);
    }

    public int streamConnections() {
        return streamConnections.get();
    }

    public int openStreams() {
        return sessions.values().stream().mapToInt(s -> s.subscribers.size()).sum();
    }

    // ---- sessions and their events ------------------------------------------------------------------

    /** A session as the fake keeps it. */
    public final class FakeSession {
        final String id;
        final String agent;
        final String environment;
        final String title;
        final ObjectNode metadata;
        volatile String status = "idle";
        volatile boolean archived;
        volatile boolean budgetReached;
        volatile JsonNode budget;
        final List<ObjectNode> events = new ArrayList<>();
        final List<BlockingQueue<ObjectNode>> subscribers = new CopyOnWriteArrayList<>();

        FakeSession(String id, String agent, String environment, String title, ObjectNode metadata) {
            this.id = id;
            this.agent = agent;
            this.environment = environment;
            this.title = title;
            this.metadata = metadata;
        }

        public String title() {
            return title;
        }

        public String agent() {
            return agent;
        }

        public String environment() {
            return environment;
        }

        public String status() {
            return status;
        }

        public boolean archived() {
            return archived;
        }

        public JsonNode metadata() {
            return metadata;
        }

        public JsonNode budget() {
            return budget;
        }

        public List<ObjectNode> events() {
            synchronized (this) {
                return List.copyOf(events);
            }
        }

        /** Persists an event (with a fresh id) and sends it to every open stream. */
        public ObjectNode emit(ObjectNode event) {
            event.put("id", "sevt_" + eventIds.incrementAndGet());
            event.put("processed_at", Instant.now().toString());
            synchronized (this) {
                events.add(event);
            }
            String type = event.path("type").asText();
            switch (type) {
                case "session.status_running" -> status = "running";
                case "session.status_idle" -> status = "idle";
                case "session.status_rescheduled" -> status = "rescheduling";
                case "session.status_terminated" -> status = "terminated";
                default -> {
                }
            }
            publish(event);
            return event;
        }

        /** Sends a stream-only frame (previews): not persisted, no id. */
        public void preview(ObjectNode frame) {
            publish(frame);
        }

        private void publish(ObjectNode event) {
            for (BlockingQueue<ObjectNode> subscriber : subscribers) {
                subscriber.offer(event);
                if (duplicateEvents && event.has("id")) {
                    subscriber.offer(event);
                }
            }
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            requestLog.add(method + " " + path);
            if (resetConnections) {
                return; // closing the exchange without an answer: the client sees the connection end
            }
            if (!authorised(exchange)) {
                error(exchange, 401, "authentication_error", "invalid x-api-key", null);
                return;
            }
            if (outage) {
                error(exchange, 503, "overloaded_error", "Overloaded", "1");
                return;
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, failureStatus, failureStatus == 429 ? "rate_limit_error" : "api_error", "injected failure",
                        failureRetryAfter);
                return;
            }
            String request = method + " " + path;
            MatchingFault fault = matchingFaults.stream().filter(f -> f.take(request)).findFirst().orElse(null);
            if (fault != null && !fault.afterExecuting()) {
                error(exchange, fault.status(), fault.status() >= 500 ? "api_error" : "invalid_request_error", "injected failure", null);
                return;
            }
            if (fault != null) {
                ANSWER_LOST.set(true);
                try {
                    route(exchange, method, path, body);
                } finally {
                    ANSWER_LOST.remove();
                }
                error(exchange, fault.status(), "api_error", "injected failure after executing", null);
                return;
            }
            if (files.handles(path)) {
                files.route(exchange, method, path, raw, sessions::containsKey);
                return;
            }
            route(exchange, method, path, body);
        } catch (RuntimeException e) {
            error(exchange, 500, "api_error", e.getClass().getSimpleName(), null);
        }
    }

    private boolean authorised(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst("x-api-key");
        String bearer = exchange.getRequestHeaders().getFirst("authorization");
        return apiKey.equals(key) || ("Bearer " + apiKey).equals(bearer);
    }

    private void route(HttpExchange exchange, String method, String path, String body) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if ((path.equals("/v1/agents") || path.equals("/v1/environments")) && method.equals("POST")) {
            create(exchange, path.equals("/v1/agents") ? "agent" : "environment", JSON.readTree(body));
        } else if (path.equals("/v1/agents") && method.equals("GET")) {
            list(exchange, agents, query);
        } else if (path.startsWith("/v1/agents/") && method.equals("GET")) {
            lookup(exchange, agents, path.substring("/v1/agents/".length()), "agent");
        } else if (path.equals("/v1/environments") && method.equals("GET")) {
            list(exchange, environments, query);
        } else if (path.startsWith("/v1/environments/") && method.equals("GET")) {
            lookup(exchange, environments, path.substring("/v1/environments/".length()), "environment");
        } else if (path.equals("/v1/sessions") && method.equals("POST")) {
            createSession(exchange, JSON.readTree(body));
        } else if (path.equals("/v1/sessions") && method.equals("GET")) {
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode data = answer.putArray("data");
            sessions.values().forEach(s -> data.add(sessionJson(s)));
            answer.putNull("next_page");
            json(exchange, 200, answer);
        } else {
            Matcher matcher = SESSION_PATH.matcher(path);
            if (!matcher.matches()) {
                error(exchange, 404, "not_found_error", "no route " + path, null);
                return;
            }
            FakeSession session = sessions.get(matcher.group(1));
            if (session == null) {
                error(exchange, 404, "not_found_error", "session not found", null);
                return;
            }
            String rest = matcher.group(2) == null ? "" : matcher.group(2);
            switch (method + " " + rest) {
                case "GET " -> json(exchange, 200, sessionJson(session));
                case "POST " -> {
                    JsonNode update = JSON.readTree(body);
                    if (update.has("budget")) {
                        session.budget = update.get("budget");
                        session.budgetReached = false;
                    }
                    json(exchange, 200, sessionJson(session));
                }
                case "DELETE " -> {
                    sessions.remove(session.id);
                    json(exchange, 200, JSON.createObjectNode().put("id", session.id).put("type", "session_deleted"));
                }
                case "POST /archive" -> {
                    session.archived = true;
                    json(exchange, 200, sessionJson(session));
                }
                case "POST /events" -> sendEvents(exchange, session, JSON.readTree(body));
                case "GET /events" -> listEvents(exchange, session, query);
                case "GET /events/stream" -> stream(exchange, session);
                default -> error(exchange, 404, "not_found_error", "no route " + method + " " + path, null);
            }
        }
    }

    private void createSession(HttpExchange exchange, JsonNode body) throws IOException {
        String agent = body.path("agent").isTextual() ? body.path("agent").asText() : body.path("agent").path("id").asText();
        String environment = body.path("environment_id").asText();
        if (!agents.containsKey(agent) || !environments.containsKey(environment)) {
            error(exchange, 400, "invalid_request_error", "unknown agent or environment", null);
            return;
        }
        String id = "sesn_" + sessionIds.incrementAndGet();
        ObjectNode metadata = body.has("metadata") ? (ObjectNode) body.get("metadata") : JSON.createObjectNode();
        FakeSession session = new FakeSession(id, agent, environment, body.path("title").asText(""), metadata);
        session.budget = body.get("budget");
        sessions.put(id, session);
        json(exchange, 200, sessionJson(session));
    }

    private void sendEvents(HttpExchange exchange, FakeSession session, JsonNode body) throws IOException {
        if (session.archived || "terminated".equals(session.status)) {
            error(exchange, 400, "invalid_request_error", "session is " + (session.archived ? "archived" : "terminated"), null);
            return;
        }
        List<ObjectNode> accepted = new ArrayList<>();
        for (JsonNode event : body.path("events")) {
            if ("user.message".equals(event.path("type").asText()) && session.budgetReached) {
                error(exchange, 400, "invalid_request_error", "session budget reached", null);
                return;
            }
            if ("user.tool_confirmation".equals(event.path("type").asText())
                    && !afterAllow.containsKey(event.path("tool_use_id").asText())) {
                error(exchange, 400, "invalid_request_error", "tool_use_id is not awaiting confirmation", null);
                return;
            }
            accepted.add(((ObjectNode) event).deepCopy());
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode data = answer.putArray("data");
        List<ObjectNode> echoed = new ArrayList<>();
        for (ObjectNode event : accepted) {
            ObjectNode persisted = session.emit(event);
            echoed.add(persisted);
            data.add(persisted.deepCopy().putNull("processed_at"));
        }
        json(exchange, 200, answer);
        // The agent works after the API answered, as the real one does.
        Thread.ofVirtual().start(() -> {
            for (ObjectNode event : echoed) {
                SessionHandle handle = new SessionHandle(session, JSON, afterAllow);
                switch (event.path("type").asText()) {
                    case "user.message" -> script.accept(handle, event.path("content").path(0).path("text").asText());
                    case "user.interrupt" -> {
                        // An interrupted turn answers no more confirmations.
                        session.events().forEach(e -> afterAllow.remove(e.path("id").asText()));
                        handle.idle("end_turn");
                    }
                    case "user.tool_confirmation" -> handle.confirmed(event.path("tool_use_id").asText(),
                            "allow".equals(event.path("result").asText()), event.path("deny_message").asText(""));
                    default -> {
                    }
                }
            }
        });
    }

    private void listEvents(HttpExchange exchange, FakeSession session, Map<String, String> query) throws IOException {
        int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
        int from = Integer.parseInt(query.getOrDefault("page", "0"));
        List<ObjectNode> all = session.events();
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode data = answer.putArray("data");
        all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size())).forEach(data::add);
        if (from + limit < all.size()) {
            answer.put("next_page", Integer.toString(from + limit));
        } else {
            answer.putNull("next_page");
        }
        json(exchange, 200, answer);
    }

    /** Server-sent events: live events only (no replay), heartbeats as SSE comments. */
    private void stream(HttpExchange exchange, FakeSession session) throws IOException {
        BlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
        session.subscribers.add(queue);
        streamConnections.incrementAndGet();
        exchange.getResponseHeaders().set("content-type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        int sent = 0;
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!outage) {
                ObjectNode event = queue.poll(2, TimeUnit.SECONDS);
                if (event == Subscriber.END) {
                    return;
                }
                if (event == null) {
                    out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    continue;
                }
                String frame = "event: " + event.path("type").asText() + "\ndata: " + event + "\n\n";
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (event.has("id") && cutStreamsAfter >= 0 && ++sent >= cutStreamsAfter) {
                    return; // cut mid-stream, as a dropped connection would
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            session.subscribers.remove(queue);
        }
    }

    private static final class Subscriber {
        static final ObjectNode END = JSON.createObjectNode().put("type", "__end__");
    }

    // ---- JSON helpers ------------------------------------------------------------------------------

    private static ObjectNode sessionJson(FakeSession session) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", session.id).put("type", "session").put("status", session.status).put("title", session.title)
                .put("agent", session.agent).put("environment_id", session.environment);
        node.set("metadata", session.metadata);
        if (session.archived) {
            node.put("archived_at", Instant.now().toString());
        }
        if (session.budget != null) {
            node.set("budget", session.budget);
        }
        return node;
    }

    private static void list(HttpExchange exchange, Map<String, String> items, Map<String, String> query) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode data = answer.putArray("data");
        items.forEach((id, name) -> data.addObject().put("id", id).put("name", name));
        answer.putNull("next_page");
        json(exchange, 200, answer);
    }

    /** Agent and environment creation (setup): the request body is kept, see {@link #createRequest(String)}. */
    private void create(HttpExchange exchange, String kind, JsonNode request) throws IOException {
        String id = (kind.equals("agent") ? "agent_" : "env_") + "created" + createdIds.incrementAndGet();
        String name = request.path("name").asText(kind);
        (kind.equals("agent") ? agents : environments).put(id, name);
        createRequests.put(id, request);
        ObjectNode answer = JSON.createObjectNode().put("id", id).put("type", kind).put("name", name);
        if (kind.equals("agent")) {
            answer.put("version", 1).set("tools", request.path("tools"));
            answer.putObject("model").put("id", request.path("model").isObject()
                    ? request.path("model").path("id").asText() : request.path("model").asText());
        } else {
            answer.set("config", request.path("config"));
        }
        json(exchange, 200, answer);
    }

    /** The body an agent or environment was created with, by its id. */
    public Optional<JsonNode> createRequest(String id) {
        return Optional.ofNullable(createRequests.get(id));
    }

    private static void lookup(HttpExchange exchange, Map<String, String> items, String id, String kind) throws IOException {
        if (!items.containsKey(id)) {
            error(exchange, 404, "not_found_error", kind + " " + id + " not found", null);
            return;
        }
        json(exchange, 200, JSON.createObjectNode().put("id", id).put("type", kind).put("name", items.get(id)));
    }

    private static void error(HttpExchange exchange, int status, String type, String message, String retryAfter) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("retry-after", retryAfter);
        }
        json(exchange, status, body);
    }

    /** Set while a request is carried out whose answer is to be lost: its own answer is not written. */
    private static final ThreadLocal<Boolean> ANSWER_LOST = new ThreadLocal<>();

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (Boolean.TRUE.equals(ANSWER_LOST.get())) {
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.getResponseHeaders().set("request-id", "req_" + System.nanoTime());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }
}
