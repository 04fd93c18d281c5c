package dev.threadwork.web;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.threadwork.config.ThreadworkConfig;
import dev.threadwork.slack.SlackClients;
import dev.threadwork.slack.SlackConnectivity;
import dev.threadwork.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The composition root: builds every part from the configuration, in dependency order, and closes
 * them in reverse. Plain constructor injection, so each part is testable on its own.
 */
public final class Threadwork implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Threadwork.class.getName());

    private final ThreadworkConfig config;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Database database;
    private SlackClients slackClients;
    private SlackConnectivity slackConnectivity;
    private App boltApp;
    private volatile boolean migrated;

    public Threadwork(ThreadworkConfig config) {
        this.config = config;
    }

    public void start() {
        database = track(new Database(config.database()));
        try {
            int ran = database.migrate();
            LOG.info(() -> "Database schema is current (" + ran + " migrations applied now)");
        } catch (RuntimeException e) {
            throw new IllegalStateException("the database at THREADWORK_DB_URL cannot be used: "
                    + rootMessage(e), e);
        }
        migrated = true;

        slackClients = track(new SlackClients(config.slack()));
        slackConnectivity = track(new SlackConnectivity(slackClients.methods()));
        slackConnectivity.start();

        AppConfig.AppConfigBuilder appConfig = AppConfig.builder()
                .slack(slackClients.slack())
                .singleTeamBotToken(config.slack().botToken().reveal());
        config.slack().signingSecret().ifPresent(secret -> appConfig.signingSecret(secret.reveal()));
        boltApp = new App(appConfig.build());
    }

    public App boltApp() {
        return boltApp;
    }

    /** Ready when the schema is migrated and Slack accepted the bot token. */
    public Readiness readiness() {
        List<String> problems = new ArrayList<>();
        if (!migrated) {
            problems.add("database not migrated");
        }
        if (slackConnectivity == null || slackConnectivity.identity().isEmpty()) {
            problems.add(slackConnectivity == null ? "Slack not started" : slackConnectivity.problem());
        }
        return new Readiness(problems);
    }

    /** What keeps the bot from being ready; empty when it is. */
    public record Readiness(List<String> problems) {
        public boolean ready() {
            return problems.isEmpty();
        }
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

    @Override
    public void close() {
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
