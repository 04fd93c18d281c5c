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
import java.time.Duration;
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
 * The one loopback fake of the Managed Agents API, faithful to ../shared/managed-agents-api.md:
 * agents, environments, sessions (create, list with pagination, update, archive, delete), events
 * (send, list with pagination) and the SSE event stream (heartbeats as comments and as named
 * {@code ping} events, previews only for connections that opt in), with scripted agent turns
 * ({@link #script} per message, or an {@link AgentScript} per session in order) and injectable faults
 * (429 with retry-after, 5xx outages, connection resets, streams cut after N events, duplicated
 * events, answers lost after the request was carried out, and the regex {@link FaultPlan}).
 * Requests without the {@code managed-agents-2026-04-01} beta header get 400, as the real API does;
 * every request is recorded. Used by the client tests and, as a loopback server, by the ITs.
 *
 * <p>Standalone: {@code java … FakeManagedAgents [port] [apiKey]} prints
 * {@code FAKE_MANAGED_AGENTS_URL=http://127.0.0.1:<port>} and serves until killed.
 */
public final class FakeManagedAgents implements AutoCloseable {

    public static final String API_KEY = "sk-ant-test-b7c1e0d2a9f84e6c";
    public static final String DEFAULT_AGENT_ID = "agent_default";
    public static final String DEFAULT_ENVIRONMENT_ID = "env_default";
    private static final String BETA = "managed-agents-2026-04-01";
    private static final Pattern SESSION_PATH = Pattern.compile("^/v1/sessions/([^/]+)(/.*)?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final HttpServer server;
    private final Map<String, ObjectNode> agents = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> environments = new ConcurrentHashMap<>();
    private final Map<String, FakeSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> createRequests = new ConcurrentHashMap<>();
    private final AtomicInteger createdIds = new AtomicInteger();
    private final FakeFilesApi files = new FakeFilesApi();
    private final List<String> sessionOrder = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final FaultPlan faults = new FaultPlan();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private volatile Duration heartbeatInterval = Duration.ofSeconds(2);
    private volatile AgentScript agentScript;
    private volatile boolean recordStreams = true;
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
        addAgent(DEFAULT_AGENT_ID, "Default agent");
        addEnvironment(DEFAULT_ENVIRONMENT_ID, "Default environment");
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
        sessions.values().forEach(FakeSession::delete);
        server.stop(0);
    }

    // ---- test controls ---------------------------------------------------------------------------

    public FakeManagedAgents addAgent(String id, String name) {
        ObjectNode agent = JSON.createObjectNode().put("id", id).put("type", "agent").put("name", name);
        agent.putObject("model").put("id", "claude-sonnet-4-6").put("speed", "standard");
        agent.put("description", (String) null).put("version", 1).put("system", "")
                .put("created_at", Instant.now().toString()).put("updated_at", Instant.now().toString());
        agent.putArray("tools").addObject().put("type", "agent_toolset_20260401");
        agent.putArray("mcp_servers");
        agent.putArray("skills");
        agent.putObject("metadata");
        agent.putNull("archived_at");
        agents.put(id, agent);
        return this;
    }

    public FakeManagedAgents addEnvironment(String id, String name) {
        ObjectNode environment = JSON.createObjectNode().put("id", id).put("type", "environment").put("name", name);
        environment.putObject("config").put("type", "cloud");
        environment.put("created_at", Instant.now().toString()).putNull("archived_at");
        environment.putObject("metadata");
        environments.put(id, environment);
        return this;
    }

    /** Regex-matched faults, stream cuts, duplicated events, silent streams. */
    public FaultPlan faults() {
        return faults;
    }

    /**
     * What the agent does with each user event of every session, in order per session, on the
     * session's own worker (an {@link AgentScript}); replaces {@link #script} until set to null.
     */
    public FakeManagedAgents defaultScript(AgentScript script) {
        this.agentScript = script;
        return this;
    }

    /** Lets a test make the agent act outside any user event, with the {@link AgentScript} vocabulary. */
    public ScriptContext agent(String sessionId) {
        return new ScriptContext(existing(sessionId), JSON);
    }

    public FakeManagedAgents heartbeatInterval(Duration interval) {
        this.heartbeatInterval = interval;
        return this;
    }

    /** Turn off recording of stream requests (benchmarks with thousands of streams). */
    public FakeManagedAgents recordStreams(boolean on) {
        this.recordStreams = on;
        return this;
    }

    /** Heartbeats sent so far on all streams. */
    public int heartbeatsSent() {
        return heartbeats.get();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    public List<RecordedRequest> requests(String method, String pathRegex) {
        return recorded.stream().filter(r -> r.is(method, pathRegex)).toList();
    }

    /** Every persisted event of the session, in order. */
    public List<JsonNode> events(String sessionId) {
        return existing(sessionId).events().stream().map(JsonNode.class::cast).toList();
    }

    /** The user events the session persisted (what the agent received), in order. */
    public List<JsonNode> receivedUserEvents(String sessionId) {
        return events(sessionId).stream().filter(e -> e.path("type").asText().startsWith("user.")).toList();
    }

    private FakeSession existing(String sessionId) {
        FakeSession session = sessions.get(sessionId);
        if (session == null) {
            throw new IllegalArgumentException("no session " + sessionId);
        }
        return session;
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
            sessions.values().forEach(session -> session.subscribers.forEach(Subscriber::end));
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

    public String sessionStatus(String sessionId) {
        return existing(sessionId).status();
    }

    // ---- sessions and their events ------------------------------------------------------------------

    /** A session as the fake keeps it. */
    public final class FakeSession implements ScriptTarget {
        final String id;
        final String agent;
        final String environment;
        final Instant createdAt = Instant.now();
        volatile String title;
        volatile ObjectNode metadata;
        volatile String status = "idle";
        volatile boolean archived;
        volatile boolean deleted;
        /** Idle at {@code budget_reached}: only settle events are accepted until the budget changes. */
        volatile boolean budgetReached;
        volatile JsonNode budget;
        final List<ObjectNode> events = new ArrayList<>();
        final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        final Map<String, java.util.concurrent.CompletableFuture<JsonNode>> confirmations = new ConcurrentHashMap<>();
        private java.util.concurrent.ExecutorService worker;

        FakeSession(String id, String agent, String environment, String title, ObjectNode metadata) {
            this.id = id;
            this.agent = agent;
            this.environment = environment;
            this.title = title;
            this.metadata = metadata;
        }

        @Override
        public String id() {
            return id;
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

        @Override
        public JsonNode budget() {
            return budget;
        }

        @Override
        public Map<String, java.util.concurrent.CompletableFuture<JsonNode>> confirmations() {
            return confirmations;
        }

        public List<ObjectNode> events() {
            synchronized (this) {
                return List.copyOf(events);
            }
        }

        @Override
        public String reserveEventId() {
            return "sevt_" + eventIds.incrementAndGet();
        }

        /** Persists an event (with a fresh id unless it has one) and sends it to every open stream. */
        @Override
        public ObjectNode emit(ObjectNode event) {
            if (!event.hasNonNull("id")) {
                event.put("id", reserveEventId());
            }
            if (!event.hasNonNull("processed_at")) {
                event.put("processed_at", Instant.now().toString());
            }
            synchronized (this) {
                events.add(event);
                String type = event.path("type").asText();
                switch (type) {
                    case "session.status_running" -> {
                        status = "running";
                        budgetReached = false;
                    }
                    case "session.status_idle" -> {
                        status = "idle";
                        budgetReached = "budget_reached".equals(event.path("stop_reason").path("type").asText());
                    }
                    case "session.status_rescheduled" -> status = "rescheduling";
                    case "session.status_terminated" -> status = "terminated";
                    default -> {
                    }
                }
                for (Subscriber subscriber : subscribers) {
                    subscriber.queue.offer(event);
                    if (duplicateEvents || faults.duplicating()) {
                        subscriber.queue.offer(event);
                    }
                }
            }
            return event;
        }

        /** Sends a stream-only frame (previews): not persisted, no id, only to connections that opted in. */
        @Override
        public void preview(ObjectNode frame) {
            synchronized (this) {
                for (Subscriber subscriber : subscribers) {
                    if (subscriber.previews) {
                        subscriber.queue.offer(frame);
                    }
                }
            }
        }

        /** Queues a user event for the session's {@link AgentScript}, in arrival order. */
        synchronized void dispatch(AgentScript script, JsonNode userEvent) {
            if (worker == null) {
                worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("fake-agent-" + id).factory());
            }
            ScriptContext context = new ScriptContext(this, JSON);
            worker.execute(() -> {
                try {
                    script.onUserEvent(context, userEvent);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    System.getLogger(FakeManagedAgents.class.getName()).log(System.Logger.Level.WARNING, "script failed", e);
                }
            });
        }

        /** Deleted (or the fake stops): its streams end, waiting scripts stop. */
        synchronized void delete() {
            deleted = true;
            subscribers.forEach(Subscriber::end);
            confirmations.values().forEach(f -> f.cancel(true));
            if (worker != null) {
                worker.shutdownNow();
            }
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
        String body = "";
        STATUS.set(0);
        try {
            byte[] raw = exchange.getRequestBody().readAllBytes(); // binary for the Files API's multipart uploads
            body = new String(raw, StandardCharsets.UTF_8);
            requestLog.add(method + " " + path);
            if (resetConnections) {
                return; // closing the exchange without an answer: the client sees the connection end
            }
            if (!authorised(exchange)) {
                error(exchange, 401, "authentication_error", "invalid x-api-key", null);
                return;
            }
            if (path.matches("/v1/(agents|environments|sessions)(/.*)?")
                    && headers.getOrDefault("anthropic-beta", List.of()).stream().noneMatch(b -> b.contains(BETA))) {
                error(exchange, 400, "invalid_request_error", "this endpoint needs the " + BETA + " beta header", null);
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
            java.util.Optional<int[]> planned = faults.errorFor(method, path);
            if (planned.isPresent()) {
                int code = planned.get()[0];
                String type = code == 429 ? "rate_limit_error" : code == 503 || code == 529 ? "overloaded_error" : "api_error";
                error(exchange, code, type, "injected fault", planned.get()[1] < 0 ? null : Integer.toString(planned.get()[1]));
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
        } finally {
            // Recorded before the exchange closes: once the client has its answer, tests can see the request.
            if (!path.endsWith("/events/stream") || recordStreams) {
                recorded.add(new RecordedRequest(method, path, rawQuery == null ? "" : rawQuery, headers, body, STATUS.get()));
            }
            STATUS.remove();
            exchange.close();
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
            json(exchange, 200, page(new ArrayList<>(agents.values()), query));
        } else if (path.startsWith("/v1/agents/") && method.equals("GET")) {
            lookup(exchange, agents, path.substring("/v1/agents/".length()), "agent");
        } else if (path.equals("/v1/environments") && method.equals("GET")) {
            json(exchange, 200, page(new ArrayList<>(environments.values()), query));
        } else if (path.startsWith("/v1/environments/") && method.equals("GET")) {
            lookup(exchange, environments, path.substring("/v1/environments/".length()), "environment");
        } else if (path.equals("/v1/sessions") && method.equals("POST")) {
            createSession(exchange, JSON.readTree(body.isEmpty() ? "{}" : body));
        } else if (path.equals("/v1/sessions") && method.equals("GET")) {
            json(exchange, 200, page(sessionOrder.stream().map(sessions::get).filter(s -> s != null && !s.deleted)
                    .map(FakeManagedAgents::sessionJson).toList(), query));
        } else {
            Matcher matcher = SESSION_PATH.matcher(path);
            if (!matcher.matches()) {
                error(exchange, 404, "not_found_error", "no route " + path, null);
                return;
            }
            FakeSession session = sessions.get(matcher.group(1));
            if (session == null || session.deleted) {
                error(exchange, 404, "not_found_error", "session not found", null);
                return;
            }
            String rest = matcher.group(2) == null ? "" : matcher.group(2);
            switch (method + " " + rest) {
                case "GET " -> json(exchange, 200, sessionJson(session));
                case "POST " -> {
                    JsonNode update = JSON.readTree(body.isEmpty() ? "{}" : body);
                    if (update.has("budget")) {
                        session.budget = update.get("budget").isNull() ? null : update.get("budget");
                        session.budgetReached = false; // raised or removed: new turns are accepted again
                    }
                    if (update.has("title")) {
                        session.title = update.get("title").asText();
                    }
                    if (update.has("metadata") && update.get("metadata").isObject()) {
                        session.metadata = (ObjectNode) update.get("metadata");
                    }
                    json(exchange, 200, sessionJson(session));
                }
                case "DELETE " -> {
                    session.delete();
                    json(exchange, 200, JSON.createObjectNode().put("id", session.id).put("type", "session_deleted"));
                }
                case "POST /archive" -> {
                    session.archived = true;
                    json(exchange, 200, sessionJson(session));
                }
                case "POST /events" -> sendEvents(exchange, session, JSON.readTree(body));
                case "GET /events" -> listEvents(exchange, session, query);
                case "GET /events/stream" -> stream(exchange, session, exchange.getRequestURI().getRawQuery());
                default -> error(exchange, 404, "not_found_error", "no route " + method + " " + path, null);
            }
        }
    }

    private void createSession(HttpExchange exchange, JsonNode body) throws IOException {
        String agent = body.path("agent").isTextual() ? body.path("agent").asText() : body.path("agent").path("id").asText();
        String environment = body.path("environment_id").asText();
        if (agent.isEmpty() || environment.isEmpty()) {
            error(exchange, 400, "invalid_request_error", "agent and environment_id are required", null);
            return;
        }
        if (!agents.containsKey(agent) || !environments.containsKey(environment)) {
            error(exchange, 400, "invalid_request_error", "unknown agent or environment", null);
            return;
        }
        String id = "sesn_" + sessionIds.incrementAndGet();
        ObjectNode metadata = body.has("metadata") ? (ObjectNode) body.get("metadata") : JSON.createObjectNode();
        FakeSession session = new FakeSession(id, agent, environment, body.path("title").asText(""), metadata);
        session.budget = body.get("budget") == null || body.get("budget").isNull() ? null : body.get("budget");
        sessions.put(id, session);
        sessionOrder.add(id);
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
                    && !afterAllow.containsKey(event.path("tool_use_id").asText())
                    && !session.confirmations.containsKey(event.path("tool_use_id").asText())) {
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
        AgentScript perSession = agentScript;
        if (perSession != null) {
            for (ObjectNode event : echoed) {
                String type = event.path("type").asText();
                if (type.equals("user.tool_confirmation")) {
                    session.confirmations.computeIfAbsent(event.path("tool_use_id").asText(),
                            k -> new java.util.concurrent.CompletableFuture<>()).complete(event);
                } else if (type.equals("user.message") || type.equals("user.interrupt")) {
                    session.dispatch(perSession, event);
                }
            }
            return;
        }
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

    /**
     * Server-sent events: live events only (no replay). Heartbeats alternate between an SSE comment
     * and a named {@code ping} event (both forms are seen); previews go only to connections that opted in.
     */
    private void stream(HttpExchange exchange, FakeSession session, String rawQuery) throws IOException {
        boolean previews = rawQuery != null
                && URLDecoder.decode(rawQuery, StandardCharsets.UTF_8).contains("event_deltas[]=agent.message");
        int plannedCut = faults.cutForNewStream();
        int cutAfter = plannedCut > 0 ? plannedCut : cutStreamsAfter;
        Subscriber subscriber = new Subscriber(previews);
        session.subscribers.add(subscriber); // before the headers go out: nothing after "connected" is missed
        streamConnections.incrementAndGet();
        exchange.getResponseHeaders().set("content-type", "text/event-stream");
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        exchange.getResponseHeaders().set("request-id", "req_stream_" + session.id);
        exchange.sendResponseHeaders(200, 0);
        STATUS.set(200);
        int sent = 0;
        boolean commentHeartbeat = true;
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!outage && !session.deleted) {
                ObjectNode event = subscriber.queue.poll(heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (event == Subscriber.END) {
                    return;
                }
                if (event == null) {
                    if (!faults.silentStreams()) {
                        out.write((commentHeartbeat ? ": ping\n\n" : "event: ping\ndata: {\"type\":\"ping\"}\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        heartbeats.incrementAndGet();
                        commentHeartbeat = !commentHeartbeat;
                    }
                    continue;
                }
                String frame = "event: " + event.path("type").asText() + "\ndata: " + event + "\n\n";
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (event.has("id") && cutAfter > 0 && ++sent >= cutAfter) {
                    return; // cut mid-stream, as a dropped connection would
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } finally {
            session.subscribers.remove(subscriber);
        }
    }

    /** One open stream connection: events queued by the session, written by the connection's thread. */
    private static final class Subscriber {
        static final ObjectNode END = JSON.createObjectNode().put("type", "__end__");
        final BlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
        final boolean previews;

        Subscriber(boolean previews) {
            this.previews = previews;
        }

        void end() {
            queue.offer(END);
        }
    }

    /** Offset pagination: {@code page} is the index of the first item, {@code next_page} null at the end. */
    private static ObjectNode page(List<? extends JsonNode> items, Map<String, String> query) {
        int from = Integer.parseInt(query.getOrDefault("page", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
        int to = Math.min(items.size(), from + limit);
        ObjectNode page = JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        for (int i = Math.min(from, items.size()); i < to; i++) {
            data.add(items.get(i));
        }
        if (to < items.size()) {
            page.put("next_page", Integer.toString(to));
        } else {
            page.putNull("next_page");
        }
        return page;
    }

    // ---- JSON helpers ------------------------------------------------------------------------------

    private static ObjectNode sessionJson(FakeSession session) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", session.id).put("type", "session").put("status", session.status).put("title", session.title);
        node.putObject("agent").put("type", "agent").put("id", session.agent).put("version", 1);
        node.put("environment_id", session.environment);
        node.set("metadata", session.metadata);
        node.set("budget", session.budget == null ? JSON.nullNode() : session.budget);
        node.put("created_at", session.createdAt.toString()).put("updated_at", Instant.now().toString());
        if (session.archived) {
            node.put("archived_at", session.createdAt.plusSeconds(1).toString());
        } else {
            node.putNull("archived_at");
        }
        node.putArray("resources");
        node.putArray("vault_ids");
        node.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        return node;
    }

    /** Agent and environment creation (setup): the request body is kept, see {@link #createRequest(String)}. */
    private void create(HttpExchange exchange, String kind, JsonNode request) throws IOException {
        String id = (kind.equals("agent") ? "agent_" : "env_") + "created" + createdIds.incrementAndGet();
        String name = request.path("name").asText(kind);
        createRequests.put(id, request);
        ObjectNode answer = JSON.createObjectNode().put("id", id).put("type", kind).put("name", name);
        if (kind.equals("agent")) {
            answer.put("version", 1).set("tools", request.path("tools"));
            answer.putObject("model").put("id", request.path("model").isObject()
                    ? request.path("model").path("id").asText() : request.path("model").asText());
        } else {
            answer.set("config", request.path("config"));
        }
        (kind.equals("agent") ? agents : environments).put(id, answer);
        json(exchange, 200, answer);
    }

    /** The body an agent or environment was created with, by its id. */
    public Optional<JsonNode> createRequest(String id) {
        return Optional.ofNullable(createRequests.get(id));
    }

    private static void lookup(HttpExchange exchange, Map<String, ObjectNode> items, String id, String kind) throws IOException {
        if (!items.containsKey(id)) {
            error(exchange, 404, "not_found_error", kind + " " + id + " not found", null);
            return;
        }
        json(exchange, 200, items.get(id));
    }

    public static void main(String[] args) throws InterruptedException {
        // The JDK server closes keep-alive connections beyond 200 idle ones, racing clients that reuse them.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        String key = args.length > 1 ? args[1] : System.getenv().getOrDefault("FAKE_ANTHROPIC_API_KEY", API_KEY);
        FakeManagedAgents fake = new FakeManagedAgents(key, port).start();
        fake.recordStreams(false);
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        System.out.println("FAKE_MANAGED_AGENTS_URL=" + fake.baseUrl());
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await();
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
    /** The status answered to the request being handled, for the recorded requests. */
    private static final ThreadLocal<Integer> STATUS = new ThreadLocal<>();

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (Boolean.TRUE.equals(ANSWER_LOST.get())) {
            return;
        }
        STATUS.set(status);
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
