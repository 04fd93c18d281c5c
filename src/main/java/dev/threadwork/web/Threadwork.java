package dev.threadwork.web;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.threadwork.agents.AgentsClient;
import dev.threadwork.agents.AgentsClientSettings;
import dev.threadwork.bridge.AgentsGateway;
import dev.threadwork.bridge.Binding;
import dev.threadwork.bridge.ChannelDefaults;
import dev.threadwork.bridge.CommandHandler;
import dev.threadwork.bridge.InboundRouter;
import dev.threadwork.bridge.MessageComposer;
import dev.threadwork.bridge.OutboxDelivery;
import dev.threadwork.bridge.Permissions;
import dev.threadwork.bridge.Restarter;
import dev.threadwork.bridge.SessionControl;
import dev.threadwork.bridge.SessionGateway;
import dev.threadwork.bridge.SessionStarter;
import dev.threadwork.bridge.SessionStreams;
import dev.threadwork.bridge.ThreadKeywords;
import dev.threadwork.config.ThreadworkConfig;
import dev.threadwork.render.CostEstimator;
import dev.threadwork.render.SlackAnswerFormatter;
import dev.threadwork.render.SlackOutbound;
import dev.threadwork.render.ThreadRenderer;
import dev.threadwork.slack.SlackActions;
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
import dev.threadwork.store.JdbcAuditLog;
import dev.threadwork.store.JdbcChannelSettings;
import dev.threadwork.store.JdbcRenderStates;
import dev.threadwork.store.Jdbc;
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

    public Threadwork(ThreadworkConfig config) {
        this.config = config;
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

        SlackClients slackClients = track(new SlackClients(config.slack()));
        slackConnectivity = track(new SlackConnectivity(slackClients.methods()));
        slackConnectivity.start();

        ThreadworkConfig.Anthropic anthropic = config.anthropic();
        AgentsClient agents = track(new AgentsClient(AgentsClientSettings.from(anthropic)));
        gateway = new AgentsGateway(agents);

        outbound = track(new SlackOutbound(slackClients.slack().methodsAsync(config.slack().botToken().reveal())));
        ThreadRenderer renderer = new ThreadRenderer(outbound, renderStates, bindings, gateway,
                new SlackThreadSearch(slackClients.methods()), new SlackAnswerFormatter(MAX_ANSWER_MESSAGES),
                new CostEstimator(config.prices().inputPerMillion(), config.prices().outputPerMillion()), clock);
        streams = track(new SessionStreams(gateway, new SessionLeases(jdbc), renderer, config.instanceId(), LEASE_TTL));

        ChannelDefaults defaults = new ChannelDefaults(channelSettings, anthropic.agentId(), anthropic.environmentId());
        Permissions permissions = new Permissions(channelSettings, config.admins());
        SlackPeople people = new SlackPeople(slackClients.methods());
        AtomicReference<OutboxDelivery> deliveryRef = new AtomicReference<>();
        // The ack path (store what Slack sent) on its own connections; see Database.inboundDataSource().
        Jdbc inboundJdbc = new Jdbc(database.inboundDataSource());
        ThreadBindings inboundBindings = new ThreadBindings(inboundJdbc);
        InboundMessages inboundOutbox = new InboundMessages(inboundJdbc);
        InboundRouter router = new InboundRouter(inboundBindings, inboundOutbox, defaults,
                new Permissions(new JdbcChannelSettings(inboundJdbc), config.admins()), renderer,
                () -> Optional.ofNullable(deliveryRef.get()).ifPresent(OutboxDelivery::wake));
        MessageComposer composer = new MessageComposer(people, new SlackThreadHistory(slackClients.methods(), people),
                () -> slackConnectivity.identity().map(id -> id.botUserId()).orElse(""), defaults,
                config.contextBudgetChars());
        delivery = track(new OutboxDelivery(outbox, bindings, new SessionStarter(bindings, gateway, defaults, clock), composer,
                gateway, streams, renderer, clock));
        deliveryRef.set(delivery);

        SessionControl control = new SessionControl(bindings, gateway, streams, permissions, audit, renderer, clock);
        CommandHandler commands = new CommandHandler(bindings, router, control, gateway, permissions, channelSettings, defaults,
                renderStates, new SlackRootPoster(slackClients.methods()), audit, clock);
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
        new SlackInbound(router, new ThreadKeywords(inboundBindings, inboundOutbox, control, commands, router, renderer, work))
                .register(boltApp);
        new SlackCommands(commands, work).register(boltApp);
        new SlackActions(control, new Restarter(outbox, router), bindings, gateway, work).register(boltApp);

        delivery.start();
        reattachLiveSessions(bindings, renderStates);
        validateAgentSettings(work);
        config.slack().appToken().ifPresent(token -> {
            socketMode = track(new SocketModeTransport(token, boltApp));
            socketMode.start();
        });
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
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not check the agent and environment yet: " + e.getMessage());
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
        if (timestamp == null || signature == null || config.slack().signingSecret().isEmpty()) {
            return false;
        }
        try {
            return new com.slack.api.app_backend.SlackSignature.Verifier(new com.slack.api.app_backend.SlackSignature.Generator(
                    config.slack().signingSecret().get().reveal())).isValid(timestamp, body, signature, System.currentTimeMillis());
        } catch (RuntimeException e) {
            return false; // a timestamp that is not a number
        }
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
            while (delivery != null && delivery.backlog() > 0 && System.nanoTime() < deadline) {
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
