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
        Access access,
        Optional<Secret> adminToken,
        Files files) {

    /**
     * The operator's rules beneath each channel's settings.
     *
     * @param defaultAllowList channels without a policy of their own are limited to their allow-list
     * @param directMessages   who may use direct messages: {@code anyone}, {@code admins} or {@code off}
     */
    public record Access(boolean defaultAllowList, String directMessages, boolean allowExternalUsers,
                         Optional<BigDecimal> dailyCapPerUserUsd, Optional<BigDecimal> dailyCapPerWorkspaceUsd) {

        public static Access open() {
            return new Access(false, "anyone", false, Optional.empty(), Optional.empty());
        }
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
