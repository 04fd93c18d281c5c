package dev.threadwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged app starts, configures itself, answers Slack and its probes, and refuses what is unsigned. */
class WalkingSkeletonIT {

    private static Harness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new Harness("skeleton").startApp();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    void readinessAndLivenessAnswerAndMetricsAreInPrometheusFormat() throws Exception {
        assertThat(harness.app.status("/health/ready")).isEqualTo(200);
        assertThat(harness.app.status("/health/live")).isEqualTo(200);
        HttpResponse<String> metrics = harness.app.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE").contains("threadwork_open_streams").contains("threadwork_outbox_backlog");
        assertThat(harness.slack.calls("auth.test")).isNotEmpty();
    }

    @Test
    void aSignedUrlVerificationGetsItsChallengeBack() throws Exception {
        String body = "{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}";
        HttpResponse<String> response = harness.app.post("/slack/events",
                new SlackRequests(TestSecrets.SIGNING_SECRET).signedHeaders(body, "application/json"), body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void unsignedBadlySignedOrStaleRequestsGet401AndChangeNothing() throws Exception {
        String ts = harness.humanMessage(Harness.CHANNEL, null, Harness.ALICE, "<@U0BOT00001> do something");
        String body = harness.envelope(harness.mentionEvent(Harness.CHANNEL, Harness.ALICE, ts, null, "do something"),
                harness.newEventId());
        long now = System.currentTimeMillis() / 1000;
        SlackRequests wrongSecret = new SlackRequests("not-the-signing-secret");

        assertThat(harness.app.post("/slack/events", Map.of("Content-Type", "application/json"), body).statusCode())
                .isEqualTo(401);
        assertThat(harness.app.post("/slack/events", wrongSecret.signedHeaders(body, "application/json"), body).statusCode())
                .isEqualTo(401);
        assertThat(harness.app.post("/slack/events", new SlackRequests(TestSecrets.SIGNING_SECRET)
                .signedHeaders(body, "application/json", Long.toString(now - 600)), body).statusCode()).isEqualTo(401);

        // Nothing happened: no session, and the bot said nothing in the channel.
        assertThat(harness.agents.sessionIds()).isEmpty();
        assertThat(harness.slack.calls("chat.postMessage")).isEmpty();
        assertThat(harness.slack.calls("reactions.add")).isEmpty();
    }

    @Test
    void aStartWithMissingConfigurationExits2WithOnlyTheMessageNamingEveryMissingKey() throws Exception {
        AppProcess bare = new AppProcess(Map.of("SLACK_BOT_TOKEN", "xoxb-only-this", "THREADWORK_PORT", "99999"),
                Path.of("target", "it", "bare-config").toAbsolutePath());
        bare.start();
        int exit = bare.awaitExit(Duration.ofMinutes(2));

        assertThat(exit).isEqualTo(2);
        // The message is all there is (so it is also the last thing printed): no server start-up around it.
        List<String> lines = bare.output().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines.get(0)).startsWith("Threadwork cannot start: 5 configuration problems");
        assertThat(lines.subList(1, lines.size())).allMatch(line -> line.startsWith("  - "));
        assertThat(bare.output()).contains("SLACK_SIGNING_SECRET", "ANTHROPIC_API_KEY", "THREADWORK_AGENT_ID",
                "THREADWORK_ENVIRONMENT_ID", "THREADWORK_PORT must be a whole number from 1 to 65535 (got \"99999\")")
                .doesNotContain("xoxb-only-this");
    }
}
