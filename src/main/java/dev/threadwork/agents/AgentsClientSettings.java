package dev.threadwork.agents;

import dev.threadwork.config.Secret;
import java.net.URI;
import java.time.Duration;

/**
 * How the client reaches the Managed Agents API and how patient it is.
 *
 * @param streamIdleTimeout a stream silent this long (no event, no heartbeat) is treated as dead
 * @param maxRetries        attempts after the first for a retryable failure
 */
public record AgentsClientSettings(
        URI baseUrl,
        Secret apiKey,
        Duration streamIdleTimeout,
        int createsPerMinute,
        int readsPerMinute,
        int maxRetries,
        Duration requestTimeout,
        Duration maxBackoff) {

    public AgentsClientSettings(URI baseUrl, Secret apiKey, Duration streamIdleTimeout, int createsPerMinute,
                                int readsPerMinute) {
        this(baseUrl, apiKey, streamIdleTimeout, createsPerMinute, readsPerMinute, 6, Duration.ofSeconds(60),
                Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return "AgentsClientSettings[baseUrl=" + baseUrl + ", apiKey=****]";
    }
}
