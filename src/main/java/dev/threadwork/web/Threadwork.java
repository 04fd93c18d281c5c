package dev.threadwork.web;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.threadwork.agents.AgentsClient;
import dev.threadwork.agents.AgentsClientSettings;
import dev.threadwork.bridge.AccessPolicy;
import dev.threadwork.bridge.AgentsGateway;
import dev.threadwork.bridge.Binding;
import dev.threadwork.bridge.ChannelDefaults;
import dev.threadwork.bridge.ChannelSettings;
import dev.threadwork.bridge.CommandHandler;
import dev.threadwork.bridge.InboundRouter;
import dev.threadwork.bridge.MessageComposer;
import dev.threadwork.bridge.OutboxDelivery;
import dev.threadwork.bridge.Permissions;
import dev.threadwork.bridge.Restarter;
import dev.threadwork.bridge.SessionAccess;
import dev.threadwork.bridge.SessionControl;
import dev.threadwork.bridge.SessionGateway;
import dev.threadwork.bridge.SessionStarter;
import dev.threadwork.bridge.SessionStreams;
import dev.threadwork.bridge.SpendCaps;
import dev.threadwork.bridge.ThreadKeywords;
import dev.threadwork.bridge.HomeSnapshots;
import dev.threadwork.bridge.SurfaceConfig;
import dev.threadwork.bridge.SurfaceSettings;
import dev.threadwork.bridge.ViewedChannelContext;
import dev.threadwork.config.ThreadworkConfig;
import dev.threadwork.render.CostEstimator;
import dev.threadwork.render.SlackAnswerFormatter;
import dev.threadwork.render.SlackOutbound;
import dev.threadwork.render.ThreadRenderer;
import dev.threadwork.slack.AppHome;
import dev.threadwork.slack.AssistantPane;
import dev.threadwork.slack.Permalinks;
import dev.threadwork.slack.SlackActions;
import dev.threadwork.slack.SlackChannelDirectory;
import dev.threadwork.slack.SlackClients;
import dev.threadwork.slack.SlackCommands;
import dev.threadwork.slack.SlackConnectivity;
import dev.threadwork.slack.SlackInbound;
import dev.threadwork.slack.SlackPeople;
import dev.threadwork.slack.SlackRootPoster;
import dev.threadwork.slack.SlackThreadHistory;
import dev.threadwork.slack.SlackThreadSearch;
import dev.threadwork.slack.SocketModeTransport;
import dev.threadwork.store.Database;
import dev.threadwork.store.InboundMessages;
import dev.threadwork.store.JdbcAssistantThreads;
import dev.threadwork.store.JdbcAuditLog;
import dev.threadwork.store.JdbcHomeData;
import dev.threadwork.store.JdbcSurfaceSettings;
import dev.threadwork.store.JdbcChannelSettings;
import dev.threadwork.store.JdbcEffectJournal;
import dev.threadwork.store.JdbcRenderStates;
import dev.threadwork.store.JdbcSpendLedger;
import dev.threadwork.store.Jdbc;
import dev.threadwork.store.SeenRequests;
import dev.threadwork.store.SessionLeases;
import dev.threadwork.store.ThreadBindings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The composition root: builds every part from the configuration, in dependency order, and closes
 * them in reverse. Plain constructor injection, so each part is testable on its own.
 */
public final class Threadwork implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Threadwork.class.getName());
    private static final Duration LEASE_TTL = Duration.ofSeconds(60);
    private static final int MAX_ANSWER_MESSAGES = 5;
    /** The longest pause between retries while Slack is unreachable: answers appear this soon after it is back. */
    private static final Duration SLACK_MAX_BACKOFF = Duration.ofSeconds(15);

    private final ThreadworkConfig config;
    private final Clock clock = Clock.systemUTC();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Database database;
    private SlackConnectivity slackConnectivity;
    private SocketModeTransport socketMode;
    private App boltApp;
    private SlackOutbound outbound;
    private OutboxDelivery delivery;
    private SessionStreams streams;
    private SessionGateway gateway;
    private final AtomicReference<String> agentProblem = new AtomicReference<>();
    private volatile boolean migrated;
    private volatile boolean acceptingWork = true;
    private SeenRequests seenRequests;

    public Threadwork(ThreadworkConfig config) {
        this.config = config;
    }

    private static dev.threadwork.bridge.FileLimits fileLimits(ThreadworkConfig.Files files) {
        return new dev.threadwork.bridge.FileLimits(dev.threadwork.bridge.FileLimits.mb(files.maxFileMb()),
                dev.threadwork.bridge.FileLimits.mb(files.maxMessageMb()), dev.threadwork.bridge.FileLimits.API_FILES_PER_SESSION,
                dev.threadwork.bridge.FileLimits.mb(files.maxOutputMb()));
    }

    public void start() {
        database = track(new Database(config.database()));
        try {
            int ran = database.migrate();
            LOG.info(() -> "Database schema is current (" + ran + " migrations applied now)");
        } catch (RuntimeException e) {
            throw new IllegalStateException("the database at THREADWORK_DB_URL cannot be used: " + rootMessage(e), e);
        }
        migrated = true;
        Jdbc jdbc = new Jdbc(database.dataSource());
        ThreadBindings bindings = new ThreadBindings(jdbc);
        InboundMessages outbox = new InboundMessages(jdbc);
        JdbcChannelSettings channelSettings = new JdbcChannelSettings(jdbc);
        JdbcRenderStates renderStates = new JdbcRenderStates(jdbc);
        JdbcAuditLog audit = new JdbcAuditLog(jdbc);
        JdbcEffectJournal journal = new JdbcEffectJournal(jdbc, clock);
        seenRequests = new SeenRequests(jdbc);

        SlackClients slackClients = track(new SlackClients(config.slack()));
        slackConnectivity = track(new SlackConnectivity(slackClients.methods()));
        slackConnectivity.start();

        ThreadworkConfig.Anthropic anthropic = config.anthropic();
        AgentsClient agents = track(new AgentsClient(AgentsClientSettings.from(anthropic)));
        gateway = new AgentsGateway(agents);

        SlackThreadSearch threadSearch = new SlackThreadSearch(slackClients.methods());
        outbound = track(new SlackOutbound(slackClients.slack().methodsAsync(config.slack().botToken().reveal()), threadSearch,
                SLACK_MAX_BACKOFF));
        ThreadRenderer renderer = new ThreadRenderer(outbound, renderStates, bindings, gateway,
                threadSearch, new SlackAnswerFormatter(MAX_ANSWER_MESSAGES),
                new CostEstimator(config.prices().inputPerMillion(), config.prices().outputPerMillion()), journal, clock);
        // Files in and out of sessions (issue 16): every upload, mount and post goes through the one effect journal.
        dev.threadwork.bridge.FileLimits fileLimits = fileLimits(config.files());
        dev.threadwork.bridge.AgentsFiles sessionFiles = new dev.threadwork.bridge.AgentsFiles(agents);
        dev.threadwork.bridge.FileReporter fileReporter = new dev.threadwork.render.SlackFileReporter(outbound, renderer,
                threadSearch);
        dev.threadwork.bridge.OutputsAfterTurn eventSink = track(new dev.threadwork.bridge.OutputsAfterTurn(renderer,
                new dev.threadwork.bridge.OutputFiles(sessionFiles, journal, fileReporter, fileLimits)));
        dev.threadwork.store.JdbcInboundFiles inboundFileStore = new dev.threadwork.store.JdbcInboundFiles(jdbc);
        dev.threadwork.bridge.InboundFiles inboundFiles = new dev.threadwork.bridge.InboundFiles(inboundFileStore,
                new dev.threadwork.slack.SlackFileDownloads(config.slack().botToken(), config.slack().apiUrl()),
                sessionFiles, journal, fileReporter, fileLimits);
        streams = track(new SessionStreams(gateway, new SessionLeases(jdbc), eventSink, config.instanceId(), LEASE_TTL));

        ChannelDefaults defaults = new ChannelDefaults(channelSettings, anthropic.agentId(), anthropic.environmentId());
        SlackPeople people = new SlackPeople(slackClients.methods());
        Permissions permissions = new Permissions(channelSettings, config.admins(), accessPolicy(), people);
        SessionAccess access = new SessionAccess(bindings, permissions, audit, clock);
        SpendCaps caps = new SpendCaps(new JdbcSpendLedger(jdbc), accessPolicy(), clock);
        AtomicReference<OutboxDelivery> deliveryRef = new AtomicReference<>();
        // The ack path (store what Slack sent) on its own connections; see Database.inboundDataSource().
        Jdbc inboundJdbc = new Jdbc(database.inboundDataSource());
        ThreadBindings inboundBindings = new ThreadBindings(inboundJdbc);
        InboundMessages inboundOutbox = new InboundMessages(inboundJdbc);
        InboundRouter router = new InboundRouter(inboundBindings, inboundOutbox, defaults,
                new Permissions(new JdbcChannelSettings(inboundJdbc), config.admins(), accessPolicy(), people), renderer,
                () -> Optional.ofNullable(deliveryRef.get()).ifPresent(OutboxDelivery::wake), caps,
                new dev.threadwork.store.JdbcInboundFiles(inboundJdbc));
        // Assistant pane and App Home (issue 18): the channel in view reaches the agent through the composer.
        JdbcSurfaceSettings surfaceSettings = new JdbcSurfaceSettings(jdbc);
        JdbcAssistantThreads assistantThreads = new JdbcAssistantThreads(jdbc);
        java.util.function.Supplier<String> botUserId = () -> slackConnectivity.identity().map(id -> id.botUserId()).orElse("");
        MessageComposer composer = new MessageComposer(people, new SlackThreadHistory(slackClients.methods(), people),
                botUserId, defaults, config.contextBudgetChars(), permissions,
                new ViewedChannelContext(assistantThreads, new SlackChannelDirectory(slackClients.methods(), people),
                        new SurfaceSettings(surfaceSettings), permissions, people, botUserId, config.contextBudgetChars()));
        delivery = track(new OutboxDelivery(outbox, bindings, new SessionStarter(bindings, gateway, defaults, journal, clock),
                composer, gateway, streams, renderer, journal, clock, inboundFiles));
        deliveryRef.set(delivery);

        SessionControl control = new SessionControl(bindings, gateway, streams, permissions, audit, renderer, clock);
        CommandHandler commands = new CommandHandler(bindings, router, control, gateway, permissions, channelSettings, defaults,
                renderStates, new SlackRootPoster(slackClients.methods()), audit, clock, access, caps);
        ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
        track(work::shutdownNow);

        AppConfig.AppConfigBuilder appConfig = AppConfig.builder()
                .slack(slackClients.slack())
                .singleTeamBotToken(config.slack().botToken().reveal())
                // Bolt checks the token once (here); by default it repeated auth.test on a request
                // thread every 10 minutes. SlackConnectivity watches the token for readiness.
                .authTestCacheEnabled(true)
                .authTestCacheExpirationMillis(-1)
                // The servlet verifies the signature before Bolt sees a request; Socket Mode has none.
                .requestVerificationEnabled(false)
                .allEventsApiAutoAckEnabled(true);
        config.slack().signingSecret().ifPresent(secret -> appConfig.signingSecret(secret.reveal()));
        boltApp = new App(appConfig.build());
        boltApp.use((request, response, chain) -> acceptingWork ? chain.next(request)
                : com.slack.api.bolt.response.Response.builder().statusCode(503).body("Shutting down").build());
        AssistantPane pane = new AssistantPane(slackClients.methods(), assistantThreads, new SurfaceSettings(surfaceSettings),
                bindings, work);
        pane.register(boltApp);
        JdbcHomeData homeData = new JdbcHomeData(jdbc);
        AppHome home = track(new AppHome(slackClients.methods(), new HomeSnapshots(bindings, renderStates, homeData, permissions,
                this::health, clock), homeData, control, new Permalinks(slackClients.methods()), work, clock));
        home.register(boltApp);
        ThreadKeywords keywords = new ThreadKeywords(inboundBindings, inboundOutbox, control, commands, router, renderer,
                new JdbcEffectJournal(inboundJdbc, clock), work);
        new SlackInbound(router, keywords, pane::sessionStarted).register(boltApp);
        new SlackCommands(commands, work, new SurfaceConfig(surfaceSettings, permissions, audit, clock)).register(boltApp);
        new SlackActions(control, new Restarter(outbox, router, permissions), bindings, gateway, access, work).register(boltApp);

        delivery.start();
        home.start();
        reattachLiveSessions(bindings, renderStates);
        work.execute(() -> {
            try {
                int resumed = keywords.resumeInterrupted();
                if (resumed > 0) {
                    LOG.info(() -> "Completed " + resumed + " keyword commands a stop had interrupted");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not complete interrupted keyword commands: " + e.getMessage());
            }
        });
        validateAgentSettings(work);
        config.slack().appToken().ifPresent(token -> {
            socketMode = track(new SocketModeTransport(token, boltApp));
            socketMode.start();
        });
    }

    private AccessPolicy accessPolicy() {
        ThreadworkConfig.Access access = config.access();
        return new AccessPolicy(access.defaultAllowList() ? ChannelSettings.TalkPolicy.ALLOW_LIST : ChannelSettings.TalkPolicy.ANYONE,
                AccessPolicy.DirectMessages.valueOf(access.directMessages().toUpperCase(java.util.Locale.ROOT)),
                access.allowExternalUsers(), access.dailyCapPerUserUsd(), access.dailyCapPerWorkspaceUsd());
    }

    /** Sessions that were running or waiting when the bot stopped get their streams back, paced by the client. */
    private void reattachLiveSessions(ThreadBindings bindings, JdbcRenderStates renderStates) {
        List<Binding> live = renderStates.liveSessions().stream()
                .map(bindings::findBySession).flatMap(Optional::stream)
                .filter(Binding::live)
                .toList();
        if (!live.isEmpty()) {
            LOG.info(() -> "Re-attaching " + live.size() + " live sessions");
            streams.reattach(live);
        }
    }

    /** A wrong default agent or environment is reported at once (readiness), without blocking start-up. */
    private void validateAgentSettings(ExecutorService work) {
        work.execute(() -> {
            try {
                List<String> problems = new ArrayList<>();
                if (!gateway.agentExists(config.anthropic().agentId())) {
                    problems.add("THREADWORK_AGENT_ID " + config.anthropic().agentId() + " does not exist");
                }
                if (!gateway.environmentExists(config.anthropic().environmentId())) {
                    problems.add("THREADWORK_ENVIRONMENT_ID " + config.anthropic().environmentId() + " does not exist");
                }
                if (!problems.isEmpty()) {
                    agentProblem.set(String.join("; ", problems));
                    LOG.severe(() -> "Configuration problem: " + agentProblem.get());
                }
            } catch (RuntimeException | LinkageError e) {
                // LinkageError too: the SDK's Kotlin reflection has failed to initialise under a stop in progress,
                // and an uncaught error would end the check without a word.
                LOG.log(Level.WARNING, "Could not check the agent and environment yet: " + e);
            }
        });
    }

    /** Completes when Slack first accepted the bot token. */
    public java.util.concurrent.CompletableFuture<?> whenSlackConnected() {
        return slackConnectivity.whenConnected();
    }

    public App boltApp() {
        return boltApp;
    }

    /**
     * Slack's request signature (Bolt's verifier: HMAC-SHA256 and a timestamp within five minutes).
     * Without a signing secret (Socket Mode) nothing may come in over HTTP.
     */
    public boolean signatureValid(String timestamp, String body, String signature) {
        return config.slack().signingSecret()
                .map(secret -> new SlackSignatureCheck(secret.reveal()).valid(timestamp, body, signature, System.currentTimeMillis()))
                .orElse(false);
    }

    /**
     * Whether a signed request is new: a slash command or interaction seen before (a replay of the
     * same signed body within the signature window) is not.
     */
    public boolean firstTime(String body) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return seenRequests.firstTime(java.util.HexFormat.of().formatHex(digest), clock.instant());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The token that opens {@code /admin/health}; empty when none is configured (then it stays closed). */
    public Optional<dev.threadwork.config.Secret> adminToken() {
        return config.adminToken();
    }

    /** Ready when the schema is migrated, Slack accepted the bot token, and (Socket Mode) the socket is up. */
    public Readiness readiness() {
        List<String> problems = new ArrayList<>();
        if (!migrated) {
            problems.add("database not migrated");
        }
        if (slackConnectivity == null || slackConnectivity.identity().isEmpty()) {
            problems.add(slackConnectivity == null ? "Slack not started"
                    : java.util.Objects.requireNonNullElse(slackConnectivity.problem(), "auth.test not answered yet"));
        }
        if (socketMode != null && !socketMode.connected()) {
            problems.add("Socket Mode is not connected");
        }
        Optional.ofNullable(agentProblem.get()).ifPresent(problems::add);
        if (!acceptingWork) {
            problems.add("shutting down");
        }
        return new Readiness(problems);
    }

    /** What keeps the bot from being ready; empty when it is. */
    public record Readiness(List<String> problems) {
        public boolean ready() {
            return problems.isEmpty();
        }
    }

    /** Figures for /metrics. */
    public record Figures(int openStreams, int outboxBacklog, int slackBacklog, long slackCalls, long slackRateLimited) {
    }

    public Figures figures() {
        return new Figures(streams == null ? 0 : streams.openCount(), delivery == null ? 0 : delivery.backlog(),
                outbound == null ? 0 : outbound.backlog(), outbound == null ? 0 : outbound.callCount(),
                outbound == null ? 0 : outbound.rateLimitedCount());
    }

    /** The App Home's health lines for admins. */
    private HomeSnapshots.Health health() {
        Figures figures = figures();
        return new HomeSnapshots.Health(figures.outboxBacklog(), figures.slackBacklog(), figures.openStreams(),
                readiness().problems());
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * A graceful stop: refuse new Slack requests (Slack retries them elsewhere or later), give the
     * outbox and the Slack queue a bounded time to drain, then close everything. What is left stays
     * in the database for the next start.
     */
    @Override
    public void close() {
        acceptingWork = false;
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        try {
            // Only while messages are actually being delivered: a backlog waiting for the API to come back
            // stays in the database for the next start instead of holding the stop for its whole grace period.
            while (delivery != null && delivery.busy() && System.nanoTime() < deadline) {
                Thread.sleep(50); // draining: the outbox is in the database either way
            }
            if (outbound != null) {
                outbound.flush(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Draining at shutdown failed: " + e.getMessage());
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Failed to close " + closeables.get(i).getClass().getSimpleName(), e);
            }
        }
        closeables.clear();
    }
}
