package dev.threadwork.agents;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs one API call under the rate limiter, translating failures and retrying what {@link RetryRule} allows. */
final class ResilientCaller {

    private static final Logger LOG = System.getLogger(ResilientCaller.class.getName());

    private final ClientRateLimiter limiter;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Sleeper sleeper;
    private final ApiErrors errors;

    ResilientCaller(ClientRateLimiter limiter, Backoff backoff, int maxAttempts, Sleeper sleeper, ApiErrors errors) {
        this.limiter = limiter;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.sleeper = sleeper;
        this.errors = errors;
    }

    <T> T call(String operation, ClientRateLimiter.Kind kind, RetryRule rule, Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                limiter.acquire(kind); // every attempt counts against the limit, retries included
                return attempt.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(operation);
            } catch (RuntimeException e) {
                AgentsApiException failure = errors.fromSdk(e);
                if (n >= maxAttempts || !rule.allows(failure)) {
                    throw failure;
                }
                Duration wait = backoff.delay(n, failure.retryAfter());
                int attemptNo = n;
                LOG.log(Level.DEBUG, () -> operation + " failed (" + failure.getMessage() + "), retry " + 1
                        + " in " + wait.toMillis() + " ms");
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw interrupted(operation);
                }
            }
        }
    }

    private static AgentsApiException interrupted(String operation) {
        return new AgentsApiException(0, "interrupted", operation + " interrupted", Optional.empty(), Optional.empty(),
                true, null);
    }
}
