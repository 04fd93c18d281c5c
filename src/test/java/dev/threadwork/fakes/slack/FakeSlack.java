package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A protocol-faithful fake of the Slack Web API on loopback. Point the SDK at {@link #apiUrl()} with
 * {@code SlackConfig#setMethodsEndpointUrlPrefix}; inspect what the bot did through {@link #ledger()}
 * (every call) and {@link #workspace()} (the resulting messages, reactions, statuses, views, files).
 */
public final class FakeSlack implements AutoCloseable {

    /** Ledger name for the raw POST to an upload URL, which is not a Web API method. */
    public static final String UPLOAD_CALL = "files.uploadURL";

    /** Ledger name for a POST to a {@link #responseUrl(String) response URL}, which is not a Web API method. */
    public static final String RESPONSE_URL_CALL = "response_url";

    /** IPv4 loopback explicitly: the URL must be "http://127.0.0.1:PORT/api/" whatever the JVM prefers. */
    private static final String LOOPBACK = "127.0.0.1";

    private final ObjectMapper json = new ObjectMapper();
    private final BotIdentity bot;
    private volatile String grantedScopes;
    private final int requestedPort;
    private final InstantSource clock;
    private final Workspace workspace = new Workspace();
    private final Ledger ledger = new Ledger();
    private final FaultInjector faults = new FaultInjector();
    private final FaultInjector lostAnswers = new FaultInjector();
    private volatile boolean down;
    private final TierRateLimiter limiter;
    private final RequestDecoder decoder = new RequestDecoder(json);
    private final SlackTs tsClock = new SlackTs();
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, SlackMethod> methods = new HashMap<>();
    private final FileMethods fileMethods;
    private final ResponseUrls responseUrls = new ResponseUrls(json);
    private final SharedFiles sharedFiles;
    private final AtomicLong sharedFileIds = new AtomicLong();
    private volatile boolean enforceTiers;
    private HttpServer server;
    private ExecutorService executor;

    public FakeSlack() {
        this(BotIdentity.defaults(), 0, InstantSource.system());
    }

    /**
     * @param port  0 for an ephemeral port
     * @param clock drives the tier rate limiter and the ledger times; tests may pass a manual clock
     */
    public FakeSlack(BotIdentity bot, int port, InstantSource clock) {
        this.bot = bot;
        this.requestedPort = port;
        this.clock = clock;
        this.limiter = new TierRateLimiter(clock);
        FakeContext ctx = new FakeContext(workspace, bot, tsClock, json, new MessageValidator(json),
                new MessageJson(json, bot), clock, this::baseUrl, new AtomicLong());
        new ChatMethods(ctx).registerInto(methods);
        new StreamMethods(ctx).registerInto(methods);
        new ReactionMethods(ctx).registerInto(methods);
        new ConversationMethods(ctx).registerInto(methods);
        new AssistantMethods(ctx).registerInto(methods);
        new ViewMethods(ctx).registerInto(methods);
        this.fileMethods = new FileMethods(ctx);
        fileMethods.registerInto(methods);
        this.sharedFiles = new SharedFiles(bot.token(), bot.teamId(), this::baseUrl, json);
    }

    // --- lifecycle ---

    public synchronized FakeSlack start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), requestedPort), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind fake Slack", e);
        }
        // One virtual thread per request: many concurrent clients without a sized pool.
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/api/", this::serveApi);
        server.createContext(FileMethods.UPLOAD_PATH, this::serveUpload);
        server.createContext(ResponseUrls.PATH, this::serveResponseUrl);
        server.createContext("/_fake/", this::serveInspection);
        server.createContext(SharedFiles.PATH, sharedFiles::serve);
        server.createContext(SharedFiles.LOGIN_PATH, SharedFiles::serveLogin);
        server.start();
        return this;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.close();
            server = null;
        }
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("fake Slack not started");
        }
        return server.getAddress().getPort();
    }

    /** "http://127.0.0.1:PORT/api/": the SDK's methods endpoint prefix and the app's SLACK_API_URL. */
    public String apiUrl() {
        return baseUrl() + "/api/";
    }

    private String baseUrl() {
        return "http://" + LOOPBACK + ":" + port();
    }

    public BotIdentity bot() {
        return bot;
    }

    // --- response URLs ---

    /**
     * A fresh response_url ("http://127.0.0.1:PORT/_response/&lt;id&gt;") to put into a slash command,
     * block action or shortcut payload. POSTs to it answer 200 "ok" like Slack and are recorded under
     * {@code label} ({@link #responses(String)}) and in the ledger as {@value #RESPONSE_URL_CALL}.
     * Every call returns a different URL; several may share a label. Needs a started fake.
     */
    public String responseUrl(String label) {
        return baseUrl() + ResponseUrls.PATH + responseUrls.newId(label);
    }

    /** What was POSTed to the response URLs of {@code label}, in arrival order. */
    public List<ResponsePost> responses(String label) {
        return responseUrls.posts(label);
    }

    // --- inspection ---

    public Ledger ledger() {
        return ledger;
    }

    public Workspace workspace() {
        return workspace;
    }

    public List<SlackCall> calls(String method) {
        return ledger.calls(method);
    }

    public List<FakeMessage> messagesInThread(String channel, String threadTs) {
        return workspace.messagesInThread(channel, threadTs);
    }

    public List<Reaction> reactions(String channel, String ts) {
        return workspace.reactions(channel, ts);
    }

    /** Names of the reactions on a message, in the order first added. */
    public List<String> reactionNames(String channel, String ts) {
        return workspace.reactions(channel, ts).stream().map(Reaction::name).toList();
    }

    /** What a reader sees in each message of a thread (blocks' text, else the text), in ts order. */
    public List<String> visibleTextsInThread(String channel, String threadTs) {
        return workspace.messagesInThread(channel, threadTs).stream().map(FakeMessage::visibleText).toList();
    }

    /** How many messages of the thread show {@code fragment}: for "the thread shows X exactly once". */
    public long countInThread(String channel, String threadTs, String fragment) {
        return visibleTextsInThread(channel, threadTs).stream().filter(t -> t.contains(fragment)).count();
    }

    // --- seeding ---

    public FakeSlack addUser(String id, String displayName, String realName, boolean isBot) {
        workspace.addUser(new FakeUser(id, displayName, realName, isBot));
        return this;
    }

    /** A Slack Connect member: users.info reports {@code teamId}, another workspace than the bot's. */
    public FakeSlack addExternalUser(String id, String displayName, String teamId) {
        workspace.addUser(new FakeUser(id, displayName, displayName, false, teamId));
        return this;
    }

    public FakeSlack addChannel(String id, String name, boolean isPrivate) {
        workspace.addChannel(new FakeChannel(id, name, isPrivate));
        return this;
    }

    /**
     * Simulates a human message (e.g. thread history for conversations.replies).
     *
     * @param threadTs null for a top-level message / thread root
     */
    public FakeSlack seedMessage(String channel, String ts, String threadTs, String user, String text) {
        if (!SlackTs.isValid(ts)) {
            throw new IllegalArgumentException("not a Slack ts: " + ts);
        }
        tsClock.advancePast(ts);
        workspace.putMessage(new FakeMessage(channel, ts, threadTs, user, null, text, null,
                FakeMessage.StreamState.NOT_STREAMED, 0, List.of()));
        return this;
    }

    /**
     * A message posted by an incoming webhook or another app under a free-form {@code username}
     * (no user id; {@code bot_id}, {@code subtype: bot_message}), e.g. for thread history.
     */
    public FakeSlack seedWebhookMessage(String channel, String ts, String threadTs, String username, String text) {
        if (!SlackTs.isValid(ts)) {
            throw new IllegalArgumentException("not a Slack ts: " + ts);
        }
        tsClock.advancePast(ts);
        String marker = "{\"event_type\":\"" + MessageJson.WEBHOOK_MARKER + "\",\"event_payload\":{\"username\":"
                + new com.fasterxml.jackson.databind.node.TextNode(username) + "}}";
        workspace.putMessage(new FakeMessage(channel, ts, threadTs, null, "B0HOOK0001", text, null,
                FakeMessage.StreamState.NOT_STREAMED, 0, List.of(), marker));
        return this;
    }

    /**
     * A person shares a file: it is served at its {@code url_private_download} (bot token required, else a
     * redirect to the login page). Returns Slack's file object, for the {@code files} of an event payload.
     */
    public ObjectNode shareFile(String user, String name, String mimeType, byte[] content) {
        return sharedFiles.share("F" + String.format("%09d", sharedFileIds.incrementAndGet()), user, name, mimeType, content);
    }

    /** The shared files and every GET of their private URLs. */
    public SharedFiles sharedFiles() {
        return sharedFiles;
    }

    /** A fresh ts after every ts seen so far, for seeding messages "now". */
    public String nextTs() {
        return tsClock.next();
    }

    // --- faults and rate limits ---

    /** The next {@code times} calls of {@code method} ("*" or null: any method) get HTTP 429 + Retry-After. */
    public FakeSlack rateLimitNext(String method, int times, long retryAfterSeconds) {
        faults.add(method, times, SlackReply.rateLimited(retryAfterSeconds));
        return this;
    }

    /** The next {@code times} calls of {@code method} ("*" or null: any method) answer ok=false with {@code error}. */
    public FakeSlack failNext(String method, int times, String error) {
        faults.add(method, times, SlackReply.error(error));
        return this;
    }

    /** Every call of {@code method} answers {@code error} until {@link #clearFaults()}. */
    public FakeSlack failAlways(String method, String error) {
        faults.add(method, Integer.MAX_VALUE, SlackReply.error(error));
        return this;
    }

    /**
     * While on, every Web API call answers HTTP 503 without doing anything (Slack is down).
     */
    public FakeSlack down(boolean on) {
        this.down = on;
        return this;
    }

    /**
     * The next {@code times} calls of {@code method} are executed, then answered with HTTP 500: the
     * client cannot tell that Slack did what it asked (an answer lost on the way back).
     */
    public FakeSlack loseAnswerNext(String method, int times) {
        lostAnswers.add(method, times, SlackReply.error("answer_lost"));
        return this;
    }

    public FakeSlack clearFaults() {
        faults.clear();
        return this;
    }

    /** Rate limit like Slack's published tiers (chat.postMessage ~1/s per channel, Tier 2/3/4 …). */
    public FakeSlack enforceSlackTiers(boolean enabled) {
        this.enforceTiers = enabled;
        if (!enabled) {
            limiter.reset();
        }
        return this;
    }

    /** Replaces the tier of one method, e.g. to test pacing with a tight limit. */
    public FakeSlack overrideTier(String method, RateTier tier) {
        limiter.override(method, tier);
        return this;
    }

    /** The scopes the bot token has, sent as Slack does in {@code x-oauth-scopes}; none sent until set. */
    public FakeSlack grantScopes(List<String> scopes) {
        grantedScopes = String.join(",", scopes);
        return this;
    }

    /** Forgets calls and bot output, including response URL posts (not users/channels/response URLs), e.g. between benchmark rounds. */
    public void reset() {
        ledger.clear();
        workspace.clearHistory();
        responseUrls.clearPosts();
        faults.clear();
        limiter.reset();
    }

    // --- HTTP ---

    private void serveApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            long number = seq.getAndIncrement();
            var receivedAt = clock.instant();
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            SlackRequest request = decoder.decode(exchange, body, number, method, receivedAt);
            SlackReply reply = answer(request);
            // Ledger before the response: once the client has its answer, tests can see the call.
            ledger.record(new SlackCall(number, method, request.params(), receivedAt, reply.status(),
                    reply.ok() ? null : reply.error(), reply.producedTs()));
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            String scopes = grantedScopes;
            if (scopes != null && request.token().filter(bot.token()::equals).isPresent()) {
                exchange.getResponseHeaders().set("x-oauth-scopes", scopes); // as Slack does for a valid token
            }
            send(exchange, reply.status(), "application/json; charset=utf-8", json.writeValueAsBytes(reply.body()));
        }
    }

    SlackReply answer(SlackRequest request) {
        SlackMethod handler = methods.get(request.method());
        if (handler == null) {
            ObjectNode body = json.createObjectNode().put("ok", false).put("error", "unknown_method")
                    .put("req_method", request.method());
            return SlackReply.ok(body);
        }
        if (request.token().isEmpty()) {
            return SlackReply.error("not_authed");
        }
        if (!request.token().get().equals(bot.token())) {
            return SlackReply.error("invalid_auth");
        }
        if (down && !request.method().equals("auth.test")) {
            return new SlackReply(503, Map.of(), json.createObjectNode().put("ok", false).put("error", "service_unavailable"), null);
        }
        Optional<SlackReply> injected = faults.take(request.method());
        if (injected.isPresent()) {
            return injected.get();
        }
        if (enforceTiers) {
            String channel = request.params().getOrDefault("channel", request.param("channel_id"));
            OptionalLong retryAfter = limiter.acquire(request.method(), channel);
            if (retryAfter.isPresent()) {
                return SlackReply.rateLimited(retryAfter.getAsLong());
            }
        }
        try {
            SlackReply done = handler.handle(request);
            if (lostAnswers.take(request.method()).isPresent()) {
                return new SlackReply(500, Map.of(), json.createObjectNode().put("ok", false).put("error", "answer_lost"),
                        done.producedTs());
            }
            return done;
        } catch (RuntimeException e) {
            // A fake bug must not look like a Slack answer the app could handle; make it loud.
            e.printStackTrace();
            return new SlackReply(500, Map.of(), json.createObjectNode().put("ok", false)
                    .put("error", "fake_internal_error: " + e), null);
        }
    }

    private void serveUpload(HttpExchange exchange) throws IOException {
        try (exchange) {
            long number = seq.getAndIncrement();
            var receivedAt = clock.instant();
            String fileId = exchange.getRequestURI().getPath().substring(FileMethods.UPLOAD_PATH.length());
            byte[] content = exchange.getRequestBody().readAllBytes();
            String answer = fileMethods.receiveUpload(fileId, content);
            int status = answer == null ? 404 : 200;
            ledger.record(new SlackCall(number, UPLOAD_CALL, Map.of("file_id", fileId, "length", "" + content.length),
                    receivedAt, status, answer == null ? "file_not_found" : null, null));
            send(exchange, status, "text/plain; charset=utf-8",
                    (answer == null ? "file_not_found" : answer).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void serveResponseUrl(HttpExchange exchange) throws IOException {
        try (exchange) {
            long number = seq.getAndIncrement();
            var receivedAt = clock.instant();
            String id = exchange.getRequestURI().getPath().substring(ResponseUrls.PATH.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            ResponseUrls.Answer answer = responseUrls.receive(id, exchange.getRequestMethod(), body, receivedAt);
            ledger.record(new SlackCall(number, RESPONSE_URL_CALL, Map.copyOf(answer.params()), receivedAt,
                    answer.status(), answer.ok() ? null : answer.body(), null));
            send(exchange, answer.status(), "text/html; charset=utf-8", answer.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** GET /_fake/stats and /_fake/ledger: lets a benchmark read the fake when it runs as its own process. */
    private void serveInspection(HttpExchange exchange) throws IOException {
        try (exchange) {
            ObjectNode body = json.createObjectNode();
            body.put("calls", ledger.all().size()).put("rate_limited", ledger.rateLimitedCount());
            if (exchange.getRequestURI().getPath().endsWith("/ledger")) {
                ArrayNode calls = body.putArray("ledger");
                for (SlackCall c : ledger.all()) {
                    ObjectNode call = calls.addObject().put("seq", c.seq()).put("method", c.method())
                            .put("received_at", c.receivedAt().toString()).put("http_status", c.httpStatus())
                            .put("error", c.error()).put("produced_ts", c.producedTs());
                    ObjectNode params = call.putObject("params");
                    c.params().forEach((k, v) -> {
                        if (!k.equals("token")) {
                            params.put(k, v);
                        }
                    });
                }
            }
            send(exchange, 200, "application/json; charset=utf-8", json.writeValueAsBytes(body));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
