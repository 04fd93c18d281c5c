package dev.threadwork.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 11: the public health endpoints say up or down and nothing more; what is wrong,
 * with ids and error text, is behind the admin token.
 */
class HealthExposureIT {

    private static final String ADMIN_TOKEN = "it-admin-token-5b0e9c1d7a2f4e68";
    private static final String MISSING_AGENT = "agent_missing_7f3a";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Harness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new Harness("health");
        // Not ready, with details worth hiding: Socket Mode cannot connect (the fake has no
        // WebSocket endpoint), and the agent does not exist.
        Map<String, String> env = AppProcess.validEnv(harness.slack.apiUrl(), harness.agents.baseUrl());
        env.put("SLACK_APP_TOKEN", "xapp-1-A0APP00001-1-" + "f".repeat(32));
        env.put("THREADWORK_AGENT_ID", MISSING_AGENT);
        env.put("THREADWORK_ADMIN_TOKEN", ADMIN_TOKEN);
        harness.app = new AppProcess(env, harness.workDir).start();
        // Started (the one summary line) and Slack's answer seen.
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                .until(() -> harness.app.output().contains(" started: ") && harness.app.status("/health/ready") == 503);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    void publicHealthShowsNoIdsOrErrorTextAndTheAdminEndpointNeedsTheToken() throws Exception {
        for (String path : new String[] {"/health/ready", "/health"}) {
            HttpResponse<String> ready = harness.app.get(path);
            assertThat(ready.statusCode()).as(path).isEqualTo(503);
            assertThat(ready.body()).as(path).contains("DOWN")
                    .doesNotContain("Socket Mode").doesNotContain("problem")
                    .doesNotContain(MISSING_AGENT).doesNotContain("THREADWORK_AGENT_ID").doesNotContain("does not exist");
        }

        assertThat(get("/admin/health", null).statusCode()).isEqualTo(401);
        assertThat(get("/admin/health", "not-the-token").statusCode()).isEqualTo(401);
        HttpResponse<String> details = get("/admin/health", ADMIN_TOKEN);
        assertThat(details.statusCode()).isEqualTo(503);
        assertThat(details.body()).contains("Socket Mode is not connected");
        assertThat(harness.app.output()).doesNotContain(ADMIN_TOKEN);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(harness.app.uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
