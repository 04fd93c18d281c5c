package dev.threadwork.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Threadwork's client of the Managed Agents API: agents, environments, sessions, events and the
 * session event stream, with rate limits, retries and typed errors.
 *
 * <p>Written on OkHttp and Jackson rather than on Anthropic's Java SDK; see the README's
 * "Managed Agents client" section for why and what it costs.
 */
public final class AgentsClient implements AutoCloseable {

    private final AgentsClientSettings settings;
    private final OkHttpClient http;
    private final OkHttpClient streamHttp;
    private final ObjectMapper json = new ObjectMapper();
    private final ApiHttp api;
    private final EventMapper mapper = new EventMapper(json);
    private final Set<SessionStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("stream-watchdog").factory());

    public AgentsClient(AgentsClientSettings settings) {
        this.settings = settings;
        this.http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(settings.requestTimeout())
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(settings.requestTimeout().multipliedBy(2))
                .retryOnConnectionFailure(false) // retries are ours: a POST must not be repeated blindly
                .build();
        // Streams share the pool but have no read or call timeout: the idle watchdog decides when one is dead.
        this.streamHttp = http.newBuilder().readTimeout(Duration.ZERO).callTimeout(Duration.ZERO).build();
        this.api = new ApiHttp(http, settings, json);
        long period = Math.max(250, Math.min(5_000, settings.streamIdleTimeout().toMillis() / 4));
        watchdog.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            streams.forEach(stream -> stream.checkIdle(now));
        }, period, period, TimeUnit.MILLISECONDS);
    }

    // ---- agents and environments ---------------------------------------------------------------

    public Resources.AgentInfo retrieveAgent(String agentId) {
        return agent(api.get("/v1/agents/" + agentId, Map.of()));
    }

    public Page<Resources.AgentInfo> listAgents(Optional<String> page) {
        return list("/v1/agents", page, AgentsClient::agent);
    }

    public Resources.EnvironmentInfo retrieveEnvironment(String environmentId) {
        return environment(api.get("/v1/environments/" + environmentId, Map.of()));
    }

    public Page<Resources.EnvironmentInfo> listEnvironments(Optional<String> page) {
        return list("/v1/environments", page, AgentsClient::environment);
    }

    // ---- sessions --------------------------------------------------------------------------------

    /** Creates a session; retried only where the API said it did not process the request. */
    public Resources.SessionInfo createSession(Resources.CreateSessionRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("agent", request.agentId());
        body.put("environment_id", request.environmentId());
        body.put("title", request.title());
        ObjectNode metadata = body.putObject("metadata");
        request.metadata().forEach(metadata::put);
        request.budgetUsd().ifPresent(budget -> body.set("budget", budget(budget)));
        return session(api.post("/v1/sessions", body, ApiHttp.Limit.CREATE, false));
    }

    public Resources.SessionInfo retrieveSession(String sessionId) {
        return session(api.get("/v1/sessions/" + sessionId, Map.of()));
    }

    public Page<Resources.SessionInfo> listSessions(Optional<String> page) {
        return list("/v1/sessions", page, AgentsClient::session);
    }

    /** Changes a session's title and metadata (empty: unchanged). */
    public Resources.SessionInfo updateSession(String sessionId, Optional<String> title, Optional<Map<String, String>> metadata) {
        ObjectNode body = json.createObjectNode();
        title.ifPresent(t -> body.put("title", t));
        metadata.ifPresent(m -> {
            ObjectNode node = body.putObject("metadata");
            m.forEach(node::put);
        });
        return session(api.post("/v1/sessions/" + sessionId, body, ApiHttp.Limit.CREATE, true));
    }

    /** Sets a new spend cap (lets a session stopped by {@code budget_reached} go on). */
    public Resources.SessionInfo updateSessionBudget(String sessionId, BigDecimal budgetUsd) {
        ObjectNode body = json.createObjectNode();
        body.set("budget", budget(budgetUsd));
        return session(api.post("/v1/sessions/" + sessionId, body, ApiHttp.Limit.CREATE, true));
    }

    public void archiveSession(String sessionId) {
        api.post("/v1/sessions/" + sessionId + "/archive", json.createObjectNode(), ApiHttp.Limit.CREATE, true);
    }

    public void deleteSession(String sessionId) {
        api.delete("/v1/sessions/" + sessionId);
    }

    // ---- events ----------------------------------------------------------------------------------

    /**
     * Sends events; returns their new ids. Not repeated once it may have reached the API (a repeat
     * could duplicate a message): the caller gets the error and decides.
     */
    public List<String> sendEvents(String sessionId, List<OutboundEvent> events) {
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("events");
        events.forEach(event -> list.add(encode(event)));
        JsonNode answer = api.post("/v1/sessions/" + sessionId + "/events", body, ApiHttp.Limit.READ, false);
        List<String> ids = new ArrayList<>();
        answer.path("data").forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }

    public Page<AgentEvent> listEvents(String sessionId, Optional<String> page) {
        return list("/v1/sessions/" + sessionId + "/events", page, mapper::map);
    }

    /**
     * Opens the session's event stream. Events after {@code lastSeenEventId} reach the listener
     * exactly once and in order until {@link SessionStream#close()}.
     */
    public SessionStream openStream(String sessionId, Optional<String> lastSeenEventId, boolean textPreviews,
                                    SessionStreamListener listener) {
        SessionStream[] holder = new SessionStream[1];
        SessionStreamListener tracked = new SessionStreamListener() {
            @Override
            public void onEvent(AgentEvent event) {
                listener.onEvent(event);
            }

            @Override
            public void onPreview(AgentEvent.TextPreview preview) {
                listener.onPreview(preview);
            }

            @Override
            public void onReconnecting(int attempt, Throwable cause) {
                listener.onReconnecting(attempt, cause);
            }

            @Override
            public void onClosed(Throwable causeOrNull) {
                streams.remove(holder[0]);
                listener.onClosed(causeOrNull);
            }
        };
        SessionStream stream = new SessionStream(api, streamHttp, mapper, sessionId, lastSeenEventId, textPreviews, tracked,
                settings.streamIdleTimeout());
        holder[0] = stream;
        streams.add(stream);
        stream.start();
        return stream;
    }

    public int openStreams() {
        return streams.size();
    }

    // ---- mapping -----------------------------------------------------------------------------------

    private <T> Page<T> list(String path, Optional<String> page, Function<JsonNode, T> map) {
        Map<String, String> query = new HashMap<>();
        query.put("limit", "100");
        page.ifPresent(token -> query.put("page", token));
        JsonNode answer = api.get(path, query);
        List<T> data = new ArrayList<>();
        answer.path("data").forEach(node -> data.add(map.apply(node)));
        JsonNode next = answer.path("next_page");
        return new Page<>(data, next.isTextual() && !next.asText().isBlank() ? Optional.of(next.asText()) : Optional.empty());
    }

    private JsonNode budget(BigDecimal usd) {
        ObjectNode budget = json.createObjectNode();
        ObjectNode max = budget.putObject("max_list_cost");
        max.put("amount", usd.toPlainString());
        max.put("currency", "USD");
        return budget;
    }

    private JsonNode encode(OutboundEvent event) {
        ObjectNode node = json.createObjectNode();
        switch (event) {
            case OutboundEvent.UserMessage message -> {
                node.put("type", "user.message");
                node.putArray("content").addObject().put("type", "text").put("text", message.text());
            }
            case OutboundEvent.Interrupt interrupt -> node.put("type", "user.interrupt");
            case OutboundEvent.ToolConfirmation confirmation -> {
                node.put("type", "user.tool_confirmation");
                node.put("tool_use_id", confirmation.toolUseId());
                node.put("result", confirmation.allow() ? "allow" : "deny");
                confirmation.denyMessage().ifPresent(message -> node.put("deny_message", message));
            }
        }
        return node;
    }

    private static Resources.AgentInfo agent(JsonNode node) {
        JsonNode model = node.path("model");
        return new Resources.AgentInfo(node.path("id").asText(), node.path("name").asText(""),
                Optional.ofNullable(model.isObject() ? model.path("id").asText(null) : model.asText(null)));
    }

    private static Resources.EnvironmentInfo environment(JsonNode node) {
        return new Resources.EnvironmentInfo(node.path("id").asText(), node.path("name").asText(""));
    }

    private static Resources.SessionInfo session(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        node.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        return new Resources.SessionInfo(node.path("id").asText(), node.path("status").asText(""),
                node.path("title").asText(""), metadata, node.hasNonNull("archived_at"));
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        streams.forEach(SessionStream::close);
        streams.clear();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "AgentsClient[" + settings.baseUrl() + "]";
    }
}
