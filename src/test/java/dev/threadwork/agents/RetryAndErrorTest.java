package dev.threadwork.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threadwork.config.Secret;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryAndErrorTest {

    private final FakeApi api = new FakeApi();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void rateLimitAnswersAreWaitedOutHonouringRetryAfter() {
        String id = api.newSession();
        api.fake.faults().failNext("GET /v1/sessions/sesn_.*", 2, 429, Optional.of(1));

        SessionInfo session = api.client.retrieveSession(id);

        assertThat(session.id()).isEqualTo(id);
        assertThat(api.fake.requests("GET", "/v1/sessions/" + id)).extracting(r -> r.status())
                .containsExactly(429, 429, 200);
    }

    @Test
    void serverErrorsOnReadsAreRetried() {
        String id = api.newSession();
        api.fake.faults().failNext("GET /v1/sessions/sesn_.*", 2, 500, Optional.empty());

        assertThat(api.client.retrieveSession(id).id()).isEqualTo(id);
        assertThat(api.fake.requests("GET", "/v1/sessions/" + id)).hasSize(3);
    }

    @Test
    void sendingEventsRejectedWith429Or529IsRetriedWithoutDuplicates() {
        String id = api.newSession();
        api.fake.faults().failNext("POST /v1/sessions/.+/events", 1, 429, Optional.of(0))
                .failNext("POST /v1/sessions/.+/events", 1, 529, Optional.empty());

        List<String> ids = api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("once")));

        assertThat(ids).hasSize(1);
        assertThat(api.fake.requests("POST", ".*/events")).extracting(r -> r.status()).containsExactly(429, 529, 200);
        assertThat(api.fake.receivedUserEvents(id)).hasSize(1);
    }

    @Test
    void sendingEventsIsNotRetriedAfterAnAnswerThatMayMeanProcessed() {
        String id = api.newSession();
        api.fake.faults().failNext("POST /v1/sessions/.+/events", 1, 500, Optional.empty());

        assertThatThrownBy(() -> api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("maybe"))))
                .isInstanceOfSatisfying(AgentsApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.requestMayHaveBeenProcessed()).isTrue();
                });
        assertThat(api.fake.requests("POST", ".*/events")).hasSize(1);
    }

    @Test
    void creatingASessionIsNotRetriedAfterAGatewayError() {
        api.fake.faults().failNext("POST /v1/sessions", 1, 502, Optional.empty());

        assertThatThrownBy(api::newSession).isInstanceOf(AgentsApiException.class);
        assertThat(api.fake.requests("POST", "/v1/sessions")).hasSize(1);
    }

    @Test
    void retriesGiveUpAfterMaxAttemptsWithATypedError() {
        String id = api.newSession();
        api.fake.faults().failFor("GET /v1/sessions/sesn_.*", Duration.ofMinutes(5), 503);

        assertThatThrownBy(() -> api.client.retrieveSession(id)).isInstanceOfSatisfying(AgentsApiException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errorType()).isEqualTo("overloaded_error");
                    assertThat(e.apiMessage()).isEqualTo("injected fault");
                    assertThat(e.requestId()).isPresent();
                });
        assertThat(api.fake.requests("GET", "/v1/sessions/" + id)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void aRefusedConnectionIsKnownNotToHaveBeenProcessed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AgentsClientSettings settings = new AgentsClientSettings(URI.create("http://127.0.0.1:" + closedPort),
                new Secret(FakeApi.KEY), Duration.ofSeconds(5), 6000, 6000,
                new AgentsClientSettings.RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(5),
                        Duration.ofSeconds(1)), Duration.ofSeconds(5), 2);
        try (AgentsClient client = new AgentsClient(settings)) {
            assertThatThrownBy(() -> client.sendEvents("sesn_1", List.of(new OutboundEvent.UserMessage("x"))))
                    .isInstanceOfSatisfying(AgentsApiException.class, e -> {
                        assertThat(e.status()).isZero();
                        assertThat(e.errorType()).isEqualTo(AgentsApiException.NETWORK_ERROR);
                        assertThat(e.requestMayHaveBeenProcessed()).isFalse();
                        assertThat(e.getMessage()).doesNotContain(FakeApi.KEY);
                    });
        }
    }

    @Test
    void theRetryRuleForCreatesOnlyAllowsWhatCannotDuplicate() {
        assertThat(RetryRule.NO_DUPLICATES.allows(failure(429, false))).isTrue();
        assertThat(RetryRule.NO_DUPLICATES.allows(failure(0, false))).isTrue();
        assertThat(RetryRule.NO_DUPLICATES.allows(failure(0, true))).isFalse();
        assertThat(RetryRule.NO_DUPLICATES.allows(failure(500, true))).isFalse();
        assertThat(RetryRule.IDEMPOTENT.allows(failure(500, true))).isTrue();
        assertThat(RetryRule.IDEMPOTENT.allows(failure(0, true))).isTrue();
        assertThat(RetryRule.IDEMPOTENT.allows(failure(400, true))).isFalse();
    }

    private static AgentsApiException failure(int status, boolean mayHaveBeenProcessed) {
        return new AgentsApiException(status, status == 0 ? AgentsApiException.NETWORK_ERROR : "x", "m",
                Optional.empty(), Optional.empty(), mayHaveBeenProcessed, null);
    }
}
