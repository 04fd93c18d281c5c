package dev.threadwork.agents;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter; a server's {@code retry-after} wins (capped). */
final class Backoff {

    private final AgentsClientSettings.RetrySettings settings;

    Backoff(AgentsClientSettings.RetrySettings settings) {
        this.settings = settings;
    }

    /** The wait before attempt {@code attempt + 1}; {@code attempt} counts from 1. */
    Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration wanted = retryAfter.get();
            return wanted.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : wanted;
        }
        long base = settings.initialBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long exp = Math.min(cap, base << Math.min(20, Math.max(0, attempt - 1)));
        // "Equal jitter": half fixed, half random, so thousands of streams dropped at once spread out.
        long half = exp / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
