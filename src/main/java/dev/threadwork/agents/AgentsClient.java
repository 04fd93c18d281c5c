package dev.threadwork.agents;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.MultipartField;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.models.beta.agents.AgentCreateParams;
import com.anthropic.models.beta.agents.AgentListParams;
import com.anthropic.models.beta.agents.BetaManagedAgentsAgentToolset20260401Params;
import com.anthropic.models.beta.agents.BetaManagedAgentsModel;
import com.anthropic.models.beta.environments.BetaCloudConfigParams;
import com.anthropic.models.beta.environments.EnvironmentCreateParams;
import com.anthropic.models.beta.files.FileDownloadParams;
import com.anthropic.models.beta.files.FileListParams;
import com.anthropic.models.beta.files.FileUploadParams;
import com.anthropic.models.beta.sessions.BetaManagedAgentsFileResourceParams;
import com.anthropic.models.beta.sessions.resources.ResourceAddParams;
import com.anthropic.models.beta.sessions.resources.ResourceListParams;
import com.anthropic.models.beta.environments.EnvironmentListParams;
import com.anthropic.models.beta.sessions.SessionCreateParams;
import com.anthropic.models.beta.sessions.SessionListParams;
import com.anthropic.models.beta.sessions.SessionUpdateParams;
import com.anthropic.models.beta.sessions.events.EventListParams;
import com.anthropic.models.beta.sessions.events.EventSendParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Threadwork's client of the Claude Managed Agents API (beta {@value #BETA}).
 *
 * <p>Requests, models and pagination go through Anthropic's official Java SDK. On top of it: a
 * client-side rate limiter that queues callers (creates/min, reads/min), retries with exponential
 * backoff and jitter that honour {@code retry-after} (the SDK's own retries are off, because a POST
 * of events must only be retried where it cannot create a duplicate, see {@link RetryRule}), typed
 * {@link AgentsApiException}s, and resumable event streams ({@link #openStream}).
 *
 * <p>Thread-safe; one instance per process. Blocking calls are meant for virtual threads.
 */
public final class AgentsClient implements AutoCloseable {

    public static final String BETA = "managed-agents-2026-04-01";
    /** The Files API's own beta; the SDK's files calls do not send it by themselves (checked on the wire). */
    public static final String FILES_BETA = "files-api-2025-04-14";
    static final String API_VERSION = "2023-06-01";
    private static final int EVENT_PAGE_SIZE = 1000;

    private final AgentsClientSettings settings;
    private final AnthropicClient sdk;
    private final OkHttpClient streamHttp;
    private final ClientRateLimiter limiter;
    private final ResilientCaller caller;
    private final Backoff backoff;
    private final ApiErrors errors;
    private final EventMapper events;
    private final ResourceMapper resources = new ResourceMapper();
    private final OutboundEventEncoder encoder = new OutboundEventEncoder();
    private final ObjectMapper json = new ObjectMapper();
    private final Set<SessionStream> openStreams = ConcurrentHashMap.newKeySet();

    public AgentsClient(AgentsClientSettings settings) {
        this(settings, new ClientRateLimiter(settings.createsPerMinute(), settings.readsPerMinute()));
    }

    AgentsClient(AgentsClientSettings settings, ClientRateLimiter limiter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limiter = limiter;
        this.errors = new ApiErrors(new SecretRedactor(settings.apiKey()));
        this.backoff = new Backoff(settings.retry());
        this.caller = new ResilientCaller(limiter, backoff, settings.retry().maxAttempts(), Sleeper.REAL, errors);
        this.events = new EventMapper(json);
        this.sdk = AnthropicOkHttpClient.builder()
                .baseUrl(baseUrl())
                .apiKey(settings.apiKey().reveal())
                .maxRetries(0) // retries are ours: retry-after, the no-duplicate rule and the rate limiter per attempt
                .timeout(settings.requestTimeout())
                .maxIdleConnections(settings.maxIdleConnections())
                .keepAliveDuration(Duration.ofMinutes(5))
                .build();
        // Streams use a plain OkHttp client instead of the SDK's events().streamStreaming(), because:
        // (1) the SDK's SSE parser swallows comment heartbeats, so a quiet healthy stream could not be
        //     told from a dead one; here the socket read timeout *is* the idle timeout and every byte,
        //     heartbeat comments included, resets it;
        // (2) the SDK applies its request timeout (10 min by default) to the whole streaming call,
        //     which would cut healthy long turns; here callTimeout is 0 (none);
        // (3) each event needs its raw JSON, which the typed SDK stream does not keep.
        // Only synchronous execute() is used, so OkHttp's async dispatcher (max 5 requests per host)
        // never applies; each open stream holds one connection (HTTP/1.1) or one HTTP/2 stream, and
        // the pool only bounds idle keep-alive connections.
        this.streamHttp = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(settings.maxIdleConnections(), 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(15))
                .writeTimeout(Duration.ofSeconds(15))
                .readTimeout(settings.streamIdleTimeout())
                .callTimeout(Duration.ZERO)
                // HTTP/1.1 only: an idle HTTP/2 stream waits inside OkHttp's synchronized blocks, which pins
                // the carrier of a virtual thread on JDK 21 (the image's runtime); ~256 idle streams stall all.
                .protocols(java.util.List.of(okhttp3.Protocol.HTTP_1_1))
                .build();
    }

    private String baseUrl() {
        String url = settings.baseUrl().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    // ---- agents and environments ------------------------------------------------------------

    public AgentInfo retrieveAgent(String agentId) {
        return read("retrieve agent", () -> resources.agent(SdkJson.tree(sdk.beta().agents().retrieve(agentId))));
    }

    public Page<AgentInfo> listAgents(Optional<String> page) {
        AgentListParams.Builder params = AgentListParams.builder();
        page.ifPresent(params::page);
        return read("list agents", () -> page(SdkJson.tree(sdk.beta().agents().list(params.build()).response()),
                resources::agent));
    }

    public EnvironmentInfo retrieveEnvironment(String environmentId) {
        return read("retrieve environment",
                () -> resources.environment(SdkJson.tree(sdk.beta().environments().retrieve(environmentId))));
    }

    public Page<EnvironmentInfo> listEnvironments(Optional<String> page) {
        EnvironmentListParams.Builder params = EnvironmentListParams.builder();
        page.ifPresent(params::page);
        return read("list environments", () -> page(
                SdkJson.tree(sdk.beta().environments().list(params.build()).response()), resources::environment));
    }

    /**
     * Creates an agent with the Managed Agents toolset ({@code agent_toolset_20260401}: bash, read,
     * write, edit, glob, grep, web search and fetch), for {@code setup}. Retried only where no
     * duplicate can result.
     */
    public AgentInfo createAgent(String name, String model, Optional<String> system) {
        AgentCreateParams.Builder params = AgentCreateParams.builder()
                .name(name)
                .model(BetaManagedAgentsModel.of(model))
                .addTool(BetaManagedAgentsAgentToolset20260401Params.builder().build());
        system.ifPresent(params::system);
        AgentCreateParams built = params.build();
        return write("create agent", RetryRule.NO_DUPLICATES,
                () -> resources.agent(SdkJson.tree(sdk.beta().agents().create(built))));
    }

    /** Creates a cloud environment (Anthropic-hosted containers, default networking), for {@code setup}. */
    public EnvironmentInfo createCloudEnvironment(String name) {
        EnvironmentCreateParams built = EnvironmentCreateParams.builder()
                .name(name)
                .config(BetaCloudConfigParams.builder().build())
                .build();
        return write("create environment", RetryRule.NO_DUPLICATES,
                () -> resources.environment(SdkJson.tree(sdk.beta().environments().create(built))));
    }

    // ---- sessions ----------------------------------------------------------------------------

    /** Creates a session; retried only where no duplicate session can result (see {@link RetryRule}). */
    public SessionInfo createSession(CreateSessionRequest request) {
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .agent(request.agentId())
                .environmentId(request.environmentId())
                .metadata(SdkJson.value(request.metadata()));
        if (request.title() != null) {
            params.title(request.title());
        }
        request.budgetUsd().ifPresent(usd -> params.budget(SdkJson.value(ResourceMapper.budget(usd))));
        SessionCreateParams built = params.build();
        return caller.call("create session", ClientRateLimiter.Kind.CREATE, RetryRule.NO_DUPLICATES,
                () -> resources.session(SdkJson.tree(sdk.beta().sessions().create(built))));
    }

    public SessionInfo retrieveSession(String sessionId) {
        return read("retrieve session", () -> resources.session(SdkJson.tree(sdk.beta().sessions().retrieve(sessionId))));
    }

    public Page<SessionInfo> listSessions(Optional<String> page) {
        SessionListParams.Builder params = SessionListParams.builder();
        page.ifPresent(params::page);
        return read("list sessions", () -> page(SdkJson.tree(sdk.beta().sessions().list(params.build()).response()),
                resources::session));
    }

    public SessionInfo updateSession(String sessionId, UpdateSessionRequest update) {
        SessionUpdateParams.Builder params = SessionUpdateParams.builder().sessionId(sessionId);
        update.title().ifPresent(params::title);
        update.metadata().ifPresent(metadata -> params.metadata(SdkJson.value(metadata)));
        if (update.removeBudget()) {
            params.budget(SdkJson.value(null));
        } else {
            update.budgetUsd().ifPresent(usd -> params.budget(SdkJson.value(ResourceMapper.budget(usd))));
        }
        SessionUpdateParams built = params.build();
        // Setting fields to fixed values is idempotent, so every transient failure may be retried.
        return write("update session", RetryRule.IDEMPOTENT,
                () -> resources.session(SdkJson.tree(sdk.beta().sessions().update(built))));
    }

    public SessionInfo archiveSession(String sessionId) {
        return write("archive session", RetryRule.IDEMPOTENT,
                () -> resources.session(SdkJson.tree(sdk.beta().sessions().archive(sessionId))));
    }

    public void deleteSession(String sessionId) {
        write("delete session", RetryRule.IDEMPOTENT, () -> sdk.beta().sessions().delete(sessionId));
    }

    // ---- files and session resources ----------------------------------------------------------

    /**
     * Uploads a file ({@code POST /v1/files}, multipart). Creates a file, so it is retried only where
     * the server certainly did not take it; an ambiguous failure is the caller's to resolve (see
     * {@link #listFiles}).
     */
    public FileInfo uploadFile(String filename, String mimeType, byte[] content) {
        FileUploadParams params = FileUploadParams.builder()
                .file(MultipartField.<java.io.InputStream>builder()
                        .value(new java.io.ByteArrayInputStream(content))
                        .filename(filename)
                        .contentType(mimeType == null || mimeType.isBlank() ? "application/octet-stream" : mimeType)
                        .build())
                .addBeta(FILES_BETA)
                .build();
        return caller.call("upload file", ClientRateLimiter.Kind.CREATE, RetryRule.NO_DUPLICATES,
                () -> resources.file(SdkJson.tree(sdk.beta().files().upload(params))));
    }

    /**
     * One page of files, newest first; with a session id, only the files scoped to that session (what
     * its agent wrote to {@code /mnt/session/outputs/}).
     */
    public Page<FileInfo> listFiles(Optional<String> scopeId, Optional<String> page) {
        FileListParams.Builder params = FileListParams.builder().addBeta(FILES_BETA).limit(100L);
        scopeId.ifPresent(params::scopeId);
        page.ifPresent(params::page);
        FileListParams built = params.build();
        return read("list files", () -> page(SdkJson.tree(sdk.beta().files().list(built).response()), resources::file));
    }

    /** The content of a downloadable file ({@code GET /v1/files/{id}/content}), at most {@code maxBytes}. */
    public byte[] downloadFile(String fileId, long maxBytes) {
        FileDownloadParams params = FileDownloadParams.builder().fileId(fileId).addBeta(FILES_BETA).build();
        return read("download file", () -> {
            try (HttpResponse response = sdk.beta().files().download(params);
                 java.io.InputStream body = response.body()) {
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new IllegalStateException("file " + fileId + " is larger than " + maxBytes + " bytes");
                }
                return bytes;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /**
     * Mounts an uploaded file into a session ({@code POST /v1/sessions/{id}/resources}); a relative
     * {@code mountPath} lands under {@code /mnt/session/uploads/}. Not retried where it may have
     * happened: the API refuses a second mount on the same path, so the caller resolves by listing.
     */
    public FileResourceInfo addFileResource(String sessionId, String fileId, String mountPath) {
        ResourceAddParams params = ResourceAddParams.builder().sessionId(sessionId)
                .betaManagedAgentsFileResourceParams(BetaManagedAgentsFileResourceParams.builder()
                        .type(JsonValue.from("file")).fileId(fileId).mountPath(mountPath).build())
                .build();
        return caller.call("add session resource", ClientRateLimiter.Kind.CREATE, RetryRule.NO_DUPLICATES,
                () -> resources.fileResource(SdkJson.tree(sdk.beta().sessions().resources().add(params))));
    }

    /** One page of a session's file resources. */
    public Page<FileResourceInfo> listFileResources(String sessionId, Optional<String> page) {
        ResourceListParams.Builder params = ResourceListParams.builder().sessionId(sessionId);
        page.ifPresent(params::page);
        ResourceListParams built = params.build();
        return read("list session resources", () -> {
            JsonNode response = SdkJson.tree(sdk.beta().sessions().resources().list(built).response());
            Page<FileResourceInfo> all = page(response, resources::fileResource);
            return new Page<>(all.data().stream().filter(r -> r.fileId() != null && !r.fileId().isEmpty()).toList(),
                    all.nextPage());
        });
    }

    // ---- events ------------------------------------------------------------------------------

    /**
     * Sends user events; returns their new ids in order. Retried only where the server certainly did
     * not process the request (connection never made; 429/503/529 answered), so an event is never
     * queued twice; any other failure is thrown and the caller decides.
     */
    public List<String> sendEvents(String sessionId, List<OutboundEvent> outbound) {
        if (outbound.isEmpty()) {
            return List.of();
        }
        List<Object> wire = new ArrayList<>();
        outbound.forEach(event -> wire.add(encoder.encode(event)));
        EventSendParams params = EventSendParams.builder().sessionId(sessionId).events(SdkJson.value(wire)).build();
        return caller.call("send events", ClientRateLimiter.Kind.CREATE, RetryRule.NO_DUPLICATES, () -> {
            JsonNode sent = SdkJson.tree(sdk.beta().sessions().events().send(params));
            List<String> ids = new ArrayList<>();
            sent.path("data").forEach(event -> ids.add(event.path("id").asText()));
            return List.copyOf(ids);
        });
    }

    /** One page of the persisted history, oldest first. */
    public Page<AgentEvent> listEvents(String sessionId, Optional<String> page) {
        EventListParams.Builder params = EventListParams.builder().sessionId(sessionId).limit(EVENT_PAGE_SIZE);
        page.ifPresent(params::page);
        EventListParams built = params.build();
        return read("list events",
                () -> page(SdkJson.tree(sdk.beta().sessions().events().list(built).response()), events::map));
    }

    /**
     * Starts streaming a session's events to {@code listener} on a virtual thread of its own.
     *
     * @param lastSeenEventId a persisted cursor: events up to and including it are not delivered
     * @param textPreviews opt in to live {@code agent.message} previews on this connection
     */
    public SessionStream openStream(String sessionId, Optional<String> lastSeenEventId, boolean textPreviews,
                                    SessionStreamListener listener) {
        HttpUrl.Builder url = Objects.requireNonNull(HttpUrl.parse(baseUrl()), "baseUrl").newBuilder()
                .addPathSegments("v1/sessions").addPathSegment(sessionId).addPathSegments("events/stream");
        if (textPreviews) {
            url.addQueryParameter("event_deltas[]", "agent.message");
        }
        Request request = new Request.Builder().url(url.build())
                .header("x-api-key", settings.apiKey().reveal())
                .header("anthropic-version", API_VERSION)
                .header("anthropic-beta", BETA)
                .header("accept", "text/event-stream")
                .build();
        AtomicReference<SessionStream> self = new AtomicReference<>();
        SessionStreamListener tracking = new UntrackingListener(listener, () -> openStreams.remove(self.get()));
        ResilientSessionStream stream = new ResilientSessionStream(sessionId, lastSeenEventId, textPreviews, tracking,
                streamHttp, request, this::listEvents, limiter, backoff, errors, events, json);
        self.set(stream);
        openStreams.add(stream);
        stream.start();
        return stream;
    }

    /** Number of streams not yet closed. */
    public int openStreamCount() {
        return openStreams.size();
    }

    /** Closes every open stream and releases connections. */
    @Override
    public void close() {
        openStreams.forEach(SessionStream::close);
        sdk.close();
        streamHttp.dispatcher().executorService().shutdown();
        streamHttp.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "AgentsClient[" + settings.baseUrl() + "]";
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private <T> T read(String operation, java.util.function.Supplier<T> call) {
        return caller.call(operation, ClientRateLimiter.Kind.READ, RetryRule.IDEMPOTENT, call);
    }

    private <T> T write(String operation, RetryRule rule, java.util.function.Supplier<T> call) {
        return caller.call(operation, ClientRateLimiter.Kind.CREATE, rule, call);
    }

    private static <T> Page<T> page(JsonNode response, Function<JsonNode, T> mapper) {
        List<T> items = new ArrayList<>();
        response.path("data").forEach(item -> items.add(mapper.apply(item)));
        JsonNode next = response.get("next_page");
        return new Page<>(items, next == null || next.isNull() || next.asText().isEmpty()
                ? Optional.empty() : Optional.of(next.asText()));
    }

    /** Forgets a stream in {@link #openStreams} once it ended, then tells the caller's listener. */
    private record UntrackingListener(SessionStreamListener delegate, Runnable untrack) implements SessionStreamListener {
        @Override
        public void onEvent(AgentEvent event) {
            delegate.onEvent(event);
        }

        @Override
        public void onPreview(AgentEvent.TextPreview preview) {
            delegate.onPreview(preview);
        }

        @Override
        public void onReconnecting(int attempt, Throwable cause) {
            delegate.onReconnecting(attempt, cause);
        }

        @Override
        public void onClosed(Throwable causeOrNull) {
            untrack.run();
            delegate.onClosed(causeOrNull);
        }
    }
}
