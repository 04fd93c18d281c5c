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
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A protocol-faithful fake of the Claude Managed Agents API on loopback: agents, environments,
 * sessions, events (send, list, SSE stream with heartbeats), API-style errors, scriptable agent
 * behaviour and fault injection. Built on the JDK's HTTP server with one virtual thread per
 * exchange, so thousands of long-lived streams cost little.
 *
 * <p>Accepts {@code x-api-key: <key>} and {@code Authorization: Bearer <key>}; a wrong or missing
 * key gets 401 with the API's error JSON. Requests without the {@code managed-agents-2026-04-01}
 * beta header get 400, as the real API does. Every request is recorded.
 *
 * <p>Standalone: {@code java … FakeManagedAgentsServer [port] [apiKey]} prints
 * {@code FAKE_MANAGED_AGENTS_URL=http://127.0.0.1:<port>} and serves until killed.
 */
public final class FakeManagedAgentsServer implements AutoCloseable {

    public static final String DEFAULT_AGENT_ID = "agent_1";
    public static final String DEFAULT_ENVIRONMENT_ID = "env_1";
    private static final String BETA = "managed-agents-2026-04-01";
    private static final Pattern SESSION_PATH = Pattern.compile("/v1/sessions/([^/]+)(/.*)?");

    private final String apiKey;
    private final int requestedPort;
    private final ObjectMapper json = new ObjectMapper();
    private final FaultPlan faults = new FaultPlan();
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, ObjectNode> agents = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> environments = new ConcurrentHashMap<>();
    private final Map<String, FakeSession> sessions = new ConcurrentHashMap<>();
    private final List<String> sessionOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicLong eventIds = new AtomicLong();
    private final AtomicLong agentIds = new AtomicLong();
    private final AtomicLong environmentIds = new AtomicLong();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger streamConnections = new AtomicInteger();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private volatile AgentScript defaultScript = AgentScript.echo();
    private volatile Duration heartbeatInterval = Duration.ofSeconds(15);
    private volatile boolean recordStreams = true;
    private HttpServer server;
    private ExecutorService executor;

    public FakeManagedAgentsServer(String apiKey) {
        this(apiKey, 0);
    }

    public FakeManagedAgentsServer(String apiKey, int port) {
        this.apiKey = apiKey;
        this.requestedPort = port;
        createAgent("Threadwork test agent", "claude-sonnet-4-6");
        createEnvironment("test environment");
    }

    public FakeManagedAgentsServer start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 4096);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the fake server", e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        sessions.values().forEach(FakeSession::delete);
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    // ---- configuration and inspection for tests ----------------------------------------------

    public FaultPlan faults() {
        return faults;
    }

    /** The script for sessions created from now on without one of their own. */
    public void defaultScript(AgentScript script) {
        this.defaultScript = script;
    }

    /** The script of one session (replaces the default for it). */
    public void script(String sessionId, AgentScript script) {
        session(sessionId).script(script);
    }

    public void heartbeatInterval(Duration interval) {
        this.heartbeatInterval = interval;
    }

    /** Turn off recording of stream requests (benchmarks with thousands of streams). */
    public void recordStreams(boolean on) {
        this.recordStreams = on;
    }

    /** Lets a test make the agent act outside any user event (e.g. emit an unknown event type). */
    public ScriptContext agent(String sessionId) {
        return new ScriptContext(session(sessionId), json);
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(String method, String pathRegex) {
        return requests.stream().filter(r -> r.is(method, pathRegex)).toList();
    }

    /** The user events the session persisted (what the agent received), in order. */
    public List<JsonNode> receivedUserEvents(String sessionId) {
        return session(sessionId).events().stream().filter(e -> e.path("type").asText().startsWith("user."))
                .map(JsonNode.class::cast).toList();
    }

    /** Every persisted event of the session, in order. */
    public List<JsonNode> events(String sessionId) {
        return session(sessionId).events().stream().map(JsonNode.class::cast).toList();
    }

    public String sessionStatus(String sessionId) {
        return session(sessionId).status();
    }

    public int openStreams() {
        return openStreams.get();
    }

    /** Heartbeats sent so far on all streams. */
    public int heartbeatsSent() {
        return heartbeats.get();
    }

    /** Stream connections accepted so far (reconnects included). */
    public int streamConnections() {
        return streamConnections.get();
    }

    public String createAgent(String name, String model) {
        String id = "agent_" + agentIds.incrementAndGet();
        ObjectNode agent = json.createObjectNode().put("id", id).put("type", "agent").put("name", name);
        agent.putObject("model").put("id", model).put("speed", "standard");
        agent.put("description", (String) null).put("version", 1).put("system", "")
                .put("created_at", Instant.now().toString()).put("updated_at", Instant.now().toString());
        agent.putArray("tools").addObject().put("type", "agent_toolset_20260401");
        agent.putArray("mcp_servers");
        agent.putArray("skills");
        agent.putObject("metadata");
        agent.putNull("archived_at");
        agents.put(id, agent);
        return id;
    }

    public String createEnvironment(String name) {
        String id = "env_" + environmentIds.incrementAndGet();
        ObjectNode environment = json.createObjectNode().put("id", id).put("type", "environment").put("name", name);
        environment.putObject("config").put("type", "cloud");
        environment.put("created_at", Instant.now().toString()).putNull("archived_at");
        environment.putObject("metadata");
        environments.put(id, environment);
        return id;
    }

    private FakeSession session(String sessionId) {
        FakeSession session = sessions.get(sessionId);
        if (session == null) {
            throw new IllegalArgumentException("no session " + sessionId);
        }
        return session;
    }

    // ---- HTTP --------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        boolean stream = path.endsWith("/events/stream");
        int[] status = {0};
        try {
            status[0] = route(exchange, method, path, query, body, headers);
        } catch (RuntimeException e) {
            status[0] = error(exchange, 500, "api_error", "fake failed: " + e, -1);
        } finally {
            if (!stream || recordStreams) {
                requests.add(new RecordedRequest(method, path, query == null ? "" : query, headers, body, status[0]));
            }
            exchange.close();
        }
    }

    private int route(HttpExchange exchange, String method, String path, String query, String body,
                      Map<String, List<String>> headers) throws IOException {
        if (!authorised(headers)) {
            return error(exchange, 401, "authentication_error", "invalid x-api-key", -1);
        }
        List<String> betas = headers.getOrDefault("anthropic-beta", List.of());
        if (betas.stream().noneMatch(b -> b.contains(BETA))) {
            return error(exchange, 400, "invalid_request_error", "this endpoint needs the " + BETA + " beta header", -1);
        }
        Optional<int[]> fault = faults.errorFor(method, path);
        if (fault.isPresent()) {
            int code = fault.get()[0];
            String type = code == 429 ? "rate_limit_error" : code == 503 || code == 529 ? "overloaded_error" : "api_error";
            return error(exchange, code, type, "injected fault", fault.get()[1]);
        }
        Map<String, String> params = params(query);
        if (path.equals("/v1/agents") && method.equals("GET")) {
            return send(exchange, 200, list(new ArrayList<>(agents.values()), params));
        }
        if (path.startsWith("/v1/agents/") && method.equals("GET")) {
            ObjectNode agent = agents.get(path.substring("/v1/agents/".length()));
            return agent == null ? notFound(exchange, "agent") : send(exchange, 200, agent);
        }
        if (path.equals("/v1/environments") && method.equals("GET")) {
            return send(exchange, 200, list(new ArrayList<>(environments.values()), params));
        }
        if (path.startsWith("/v1/environments/") && method.equals("GET")) {
            ObjectNode environment = environments.get(path.substring("/v1/environments/".length()));
            return environment == null ? notFound(exchange, "environment") : send(exchange, 200, environment);
        }
        if (path.equals("/v1/sessions")) {
            if (method.equals("POST")) {
                return createSession(exchange, body);
            }
            if (method.equals("GET")) {
                List<ObjectNode> all = sessionOrder.stream().map(sessions::get).filter(s -> s != null && !s.deleted)
                        .map(s -> s.resource).toList();
                return send(exchange, 200, list(all, params));
            }
        }
        Matcher m = SESSION_PATH.matcher(path);
        if (m.matches()) {
            FakeSession session = sessions.get(m.group(1));
            if (session == null || session.deleted) {
                return notFound(exchange, "session");
            }
            String rest = m.group(2) == null ? "" : m.group(2);
            switch (method + " " + rest) {
                case "GET " -> {
                    return send(exchange, 200, session.resource);
                }
                case "POST " -> {
                    return updateSession(exchange, session, body);
                }
                case "DELETE " -> {
                    sessions.get(session.id).delete();
                    return send(exchange, 200, json.createObjectNode().put("id", session.id)
                            .put("type", "session_deleted"));
                }
                case "POST /archive" -> {
                    session.resource.put("archived_at", Instant.now().toString());
                    return send(exchange, 200, session.resource);
                }
                case "POST /events" -> {
                    return sendEvents(exchange, session, body);
                }
                case "GET /events" -> {
                    return send(exchange, 200, list(new ArrayList<>(session.events()), params));
                }
                case "GET /events/stream" -> {
                    return stream(exchange, session, query == null ? "" : query);
                }
                default -> {
                    return notFound(exchange, "route");
                }
            }
        }
        return notFound(exchange, "route");
    }

    private boolean authorised(Map<String, List<String>> headers) {
        String key = headers.getOrDefault("x-api-key", List.of("")).get(0);
        String authorization = headers.getOrDefault("authorization", List.of("")).get(0);
        return apiKey.equals(key) || ("Bearer " + apiKey).equals(authorization);
    }

    private int createSession(HttpExchange exchange, String body) throws IOException {
        JsonNode request = json.readTree(body.isEmpty() ? "{}" : body);
        JsonNode agent = request.path("agent");
        String agentId = agent.isObject() ? agent.path("id").asText() : agent.asText("");
        if (agentId.isEmpty() || !request.hasNonNull("environment_id")) {
            return error(exchange, 400, "invalid_request_error", "agent and environment_id are required", -1);
        }
        String id = "sesn_" + sessionIds.incrementAndGet();
        ObjectNode resource = json.createObjectNode().put("id", id).put("type", "session").put("status", "idle");
        resource.putObject("agent").put("type", "agent").put("id", agentId).put("version", 1);
        resource.put("environment_id", request.get("environment_id").asText());
        resource.set("title", request.has("title") ? request.get("title") : json.nullNode());
        resource.set("metadata", request.has("metadata") && request.get("metadata").isObject()
                ? request.get("metadata") : json.createObjectNode());
        resource.set("budget", request.has("budget") ? request.get("budget") : json.nullNode());
        resource.put("created_at", Instant.now().toString()).put("updated_at", Instant.now().toString());
        resource.putNull("archived_at");
        resource.putArray("resources");
        resource.putArray("vault_ids");
        ObjectNode usage = resource.putObject("usage");
        usage.put("input_tokens", 0).put("output_tokens", 0);
        FakeSession session = new FakeSession(id, resource, defaultScript, json, eventIds::incrementAndGet, faults);
        sessions.put(id, session);
        sessionOrder.add(id);
        return send(exchange, 200, resource);
    }

    private int updateSession(HttpExchange exchange, FakeSession session, String body) throws IOException {
        JsonNode update = json.readTree(body.isEmpty() ? "{}" : body);
        synchronized (session) {
            for (String field : List.of("title", "metadata", "budget")) {
                if (update.has(field)) {
                    session.resource.set(field, update.get(field));
                }
            }
            if (update.has("budget")) {
                session.budgetPaused = false; // raised or removed: new turns are accepted again
            }
            session.resource.put("updated_at", Instant.now().toString());
        }
        return send(exchange, 200, session.resource);
    }

    private int sendEvents(HttpExchange exchange, FakeSession session, String body) throws IOException {
        JsonNode request = json.readTree(body.isEmpty() ? "{}" : body);
        if ("terminated".equals(session.status())) {
            return error(exchange, 400, "invalid_request_error", "session is terminated", -1);
        }
        if (session.budgetPaused) {
            for (JsonNode event : request.path("events")) {
                if ("user.message".equals(event.path("type").asText())) {
                    return error(exchange, 400, "invalid_request_error",
                            "the session reached its budget; raise or remove it to continue", -1);
                }
            }
        }
        ArrayNode data = json.createArrayNode();
        ScriptContext context = new ScriptContext(session, json);
        for (JsonNode event : request.path("events")) {
            ObjectNode persisted = session.emit(((ObjectNode) event.deepCopy()).put("processed_at", (String) null));
            data.add(persisted);
            String type = event.path("type").asText();
            if (type.equals("user.tool_confirmation")) {
                session.confirmations.computeIfAbsent(event.path("tool_use_id").asText(),
                        k -> new CompletableFuture<>()).complete(persisted);
            } else if (type.equals("user.message") || type.equals("user.interrupt")) {
                session.dispatch(persisted, context);
            }
        }
        return send(exchange, 200, json.createObjectNode().set("data", data));
    }

    /** Offset pagination: {@code page} is the index of the first item, {@code next_page} null at the end. */
    private ObjectNode list(List<? extends JsonNode> items, Map<String, String> params) {
        int from = params.containsKey("page") ? Integer.parseInt(params.get("page")) : 0;
        int limit = params.containsKey("limit") ? Integer.parseInt(params.get("limit")) : 1000;
        int to = Math.min(items.size(), from + limit);
        ObjectNode page = json.createObjectNode();
        ArrayNode data = page.putArray("data");
        for (int i = from; i < to; i++) {
            data.add(items.get(i));
        }
        page.set("next_page", to < items.size() ? json.getNodeFactory().textNode(String.valueOf(to)) : json.nullNode());
        return page;
    }

    private int stream(HttpExchange exchange, FakeSession session, String query) throws IOException {
        boolean previews = URLDecoder.decode(query, StandardCharsets.UTF_8).contains("event_deltas[]=agent.message");
        SseSubscriber subscriber = new SseSubscriber(previews, faults.cutForNewStream());
        session.subscribe(subscriber); // before the headers go out: nothing after "connected" is missed
        exchange.getResponseHeaders().add("content-type", "text/event-stream");
        exchange.getResponseHeaders().add("cache-control", "no-cache");
        exchange.getResponseHeaders().add("request-id", "req_stream_" + session.id);
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.flush();
        openStreams.incrementAndGet();
        streamConnections.incrementAndGet();
        int sent = 0;
        boolean commentHeartbeat = true;
        try {
            while (true) {
                String frame = subscriber.frames.poll(heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (frame == null) {
                    if (!faults.silentStreams()) {
                        // Alternate both heartbeat forms seen in the wild: an SSE comment and a named ping event.
                        out.write((commentHeartbeat ? ": heartbeat\n\n" : "event: ping\ndata: {\"type\":\"ping\"}\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        subscriber.heartbeatsSent.incrementAndGet();
                        heartbeats.incrementAndGet();
                        commentHeartbeat = !commentHeartbeat;
                    }
                    continue;
                }
                if (frame.equals(SseSubscriber.END) || session.deleted) {
                    break;
                }
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!frame.startsWith("event: event_")) {
                    sent++;
                }
                if (subscriber.cutAfterEvents > 0 && sent >= subscriber.cutAfterEvents) {
                    break; // injected cut: the connection ends mid-session
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client closed the connection
        } finally {
            session.unsubscribe(subscriber);
            openStreams.decrementAndGet();
        }
        return 200;
    }

    private int notFound(HttpExchange exchange, String what) throws IOException {
        return error(exchange, 404, "not_found_error", what + " not found", -1);
    }

    private int error(HttpExchange exchange, int status, String type, String message, int retryAfterSeconds)
            throws IOException {
        if (retryAfterSeconds >= 0) {
            exchange.getResponseHeaders().add("retry-after", String.valueOf(retryAfterSeconds));
        }
        ObjectNode error = json.createObjectNode().put("type", "error");
        error.putObject("error").put("type", type).put("message", message);
        return send(exchange, status, error);
    }

    private int send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.getResponseHeaders().add("request-id", "req_" + Long.toHexString(System.nanoTime()));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        return status;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    public static void main(String[] args) throws InterruptedException {
        // The JDK server closes keep-alive connections beyond 200 idle ones, racing clients that reuse them.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        String key = args.length > 1 ? args[1] : System.getenv().getOrDefault("FAKE_ANTHROPIC_API_KEY", "test-key");
        FakeManagedAgentsServer fake = new FakeManagedAgentsServer(key, port).start();
        fake.recordStreams(false);
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        System.out.println("FAKE_MANAGED_AGENTS_URL=" + fake.baseUrl());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
