package dev.threadwork.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks the bot token with {@code auth.test} until it succeeds. Readiness waits for it; a token
 * Slack rejects ({@code invalid_auth}) is logged as such, without the token.
 */
public final class SlackConnectivity implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SlackConnectivity.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final MethodsClient methods;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("slack-auth-test").factory());
    private final CompletableFuture<SlackIdentity> identity = new CompletableFuture<>();
    private volatile String lastProblem = "auth.test not answered yet";

    public SlackConnectivity(MethodsClient methods) {
        this.methods = methods;
    }

    public void start() {
        scheduler.execute(() -> attempt(Duration.ofMillis(500)));
    }

    private void attempt(Duration backoff) {
        try {
            AuthTestResponse response = methods.authTest(r -> r);
            if (response.isOk()) {
                identity.complete(new SlackIdentity(response.getTeamId(), response.getUserId(), response.getBotId()));
                lastProblem = null;
                LOG.info(() -> "Connected to Slack workspace " + response.getTeamId() + " as bot user " + response.getUserId());
                return;
            }
            lastProblem = "auth.test answered " + response.getError();
        } catch (Exception e) {
            lastProblem = "auth.test failed: " + e.getClass().getSimpleName();
        }
        LOG.log(Level.WARNING, "Slack is not reachable yet ({0}); retrying in {1} ms",
                new Object[] {lastProblem, backoff.toMillis()});
        Duration next = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        scheduler.schedule(() -> attempt(next), backoff.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Optional<SlackIdentity> identity() {
        return Optional.ofNullable(identity.getNow(null));
    }

    /** Waits for the first successful {@code auth.test}. */
    public CompletableFuture<SlackIdentity> whenConnected() {
        return identity;
    }

    /** Why Slack is not connected, or {@code null} once it is. */
    public String problem() {
        return lastProblem;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
