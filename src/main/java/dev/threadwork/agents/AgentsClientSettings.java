package dev.threadwork.agents;

import dev.threadwork.config.Secret;
import dev.threadwork.config.ThreadworkConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link AgentsClient} needs. The key is a {@link Secret}, so this record's
 * {@code toString()} shows it as {@code ****}.
 *
 * @param streamIdleTimeout a stream silent (no byte at all, heartbeats included) for longer is treated as dead
 * @param createsPerMinute client-side cap for create operations (sessions, events sent)
 * @param readsPerMinute client-side cap for reads, stream connections included
 * @param requestTimeout timeout of one non-streaming request; never applied to streams
 * @param maxIdleConnections idle keep-alive connections kept per pool (open streams are not idle and not capped)
 */
public record AgentsClientSettings(
        URI baseUrl,
        Secret apiKey,
        Duration streamIdleTimeout,
        int createsPerMinute,
        int readsPerMinute,
        RetrySettings retry,
        Duration requestTimeout,
        int maxIdleConnections) {

    public AgentsClientSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(streamIdleTimeout, "streamIdleTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (createsPerMinute < 1 || readsPerMinute < 1) {
            throw new IllegalArgumentException("rate limits must be at least 1 per minute");
        }
        if (streamIdleTimeout.isZero() || streamIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("streamIdleTimeout must be positive");
        }
    }

    /** With default retry settings, a 60 s request timeout and 32 idle connections. */
    public AgentsClientSettings(URI baseUrl, Secret apiKey, Duration streamIdleTimeout, int createsPerMinute,
                                int readsPerMinute) {
        this(baseUrl, apiKey, streamIdleTimeout, createsPerMinute, readsPerMinute, RetrySettings.defaults(),
                Duration.ofSeconds(60), 32);
    }

    public static AgentsClientSettings from(ThreadworkConfig.Anthropic config) {
        return new AgentsClientSettings(config.baseUrl(), config.apiKey(), config.streamIdleTimeout(),
                config.createsPerMinute(), config.readsPerMinute());
    }

    public AgentsClientSettings withRetry(RetrySettings newRetry) {
        return new AgentsClientSettings(baseUrl, apiKey, streamIdleTimeout, createsPerMinute, readsPerMinute, newRetry,
                requestTimeout, maxIdleConnections);
    }

    /**
     * Retries of failed calls and stream reconnects.
     *
     * @param maxAttempts attempts per call, the first included (streams reconnect without limit)
     * @param initialBackoff first backoff; doubles per attempt, with jitter
     * @param maxBackoff cap of one backoff
     * @param maxRetryAfter cap of a server's {@code retry-after}, so a bogus value cannot park a caller for hours
     */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
        public RetrySettings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }

        public static RetrySettings defaults() {
            return new RetrySettings(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(120));
        }
    }
}
