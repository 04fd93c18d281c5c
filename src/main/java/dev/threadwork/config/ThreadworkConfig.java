package dev.threadwork.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Threadwork's validated configuration; built only by {@link ConfigLoader}. */
public record ThreadworkConfig(
        Slack slack,
        Anthropic anthropic,
        Database database,
        int port,
        String instanceId,
        Set<String> admins,
        int contextBudgetChars,
        Duration shutdownGrace,
        Prices prices,
        Files files) {

    /** Without file settings: the defaults. */
    public ThreadworkConfig(Slack slack, Anthropic anthropic, Database database, int port, String instanceId,
                            Set<String> admins, int contextBudgetChars, Duration shutdownGrace, Prices prices) {
        this(slack, anthropic, database, port, instanceId, admins, contextBudgetChars, shutdownGrace, prices,
                Files.DEFAULTS);
    }

    /** Size caps in MB for files in and out of sessions (THREADWORK_MAX_*_MB). */
    public record Files(int maxFileMb, int maxMessageMb, int maxOutputMb) {
        public static final Files DEFAULTS = new Files(25, 100, 100);
    }

    public record Slack(Secret botToken, Optional<Secret> signingSecret, Optional<Secret> appToken, URI apiUrl) {
        public boolean socketMode() {
            return appToken.isPresent();
        }
    }

    public record Anthropic(
            Secret apiKey,
            URI baseUrl,
            String agentId,
            String environmentId,
            Duration streamIdleTimeout,
            int createsPerMinute,
            int readsPerMinute) {
    }

    public record Database(String url, String user, Secret password) {
        public boolean h2() {
            return url.startsWith("jdbc:h2:");
        }
    }

    /** USD list prices per million tokens, used when the API reports no cost of its own. */
    public record Prices(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    }
}
