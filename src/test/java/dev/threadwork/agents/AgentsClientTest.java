package dev.threadwork.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadwork.config.Secret;
import dev.threadwork.fakes.agents.RecordedRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentsClientTest {

    private final FakeApi api = new FakeApi();
    private final AgentsClient client = api.client;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void readsAgentsAndEnvironments() {
        AgentInfo agent = client.retrieveAgent(FakeApi.AGENT_ID);
        assertThat(agent.name()).isEqualTo("Threadwork test agent");
        assertThat(agent.model()).isEqualTo("claude-sonnet-4-6");
        assertThat(client.listAgents(Optional.empty()).data()).extracting(AgentInfo::id).contains("agent_1");
        assertThat(client.retrieveEnvironment("env_1").name()).isEqualTo("test environment");
        assertThat(client.listEnvironments(Optional.empty()).data()).extracting(EnvironmentInfo::id).contains("env_1");
    }

    @Test
    void createsSessionWithTitleMetadataAndBudgetInCents() throws Exception {
        SessionInfo session = client.createSession(new CreateSessionRequest("agent_1", "env_1", "Fix the flaky test",
                Map.of("slack_thread", "T1/C1/1700.1"), Optional.of(new BigDecimal("2.50"))));

        assertThat(session.id()).startsWith("sesn_");
        assertThat(session.status()).isEqualTo("idle");
        assertThat(session.title()).contains("Fix the flaky test");
        assertThat(session.metadata()).containsEntry("slack_thread", "T1/C1/1700.1");
        assertThat(session.agentId()).contains("agent_1");
        assertThat(session.budgetUsd()).contains(new BigDecimal("2.50"));
        JsonNode sent = new ObjectMapper().readTree(api.fake.requests("POST", "/v1/sessions").get(0).body());
        assertThat(sent.path("budget")).isEqualTo(new ObjectMapper().readTree(
                "{\"type\":\"limit\",\"max_list_cost\":{\"amount\":\"250\",\"currency\":\"USD\"}}"));
        assertThat(sent.path("agent").asText()).isEqualTo("agent_1");
        assertThat(sent.path("environment_id").asText()).isEqualTo("env_1");
    }

    @Test
    void updatesArchivesListsAndDeletesSessions() {
        String id = api.newSession();
        assertThat(client.updateSession(id, UpdateSessionRequest.title("renamed")).title()).contains("renamed");
        assertThat(client.updateSession(id, UpdateSessionRequest.budget(new BigDecimal("5"))).budgetUsd())
                .contains(new BigDecimal("5.00"));
        assertThat(client.updateSession(id, UpdateSessionRequest.noBudget()).budgetUsd()).isEmpty();
        assertThat(client.archiveSession(id).archivedAt()).isPresent();
        assertThat(client.listSessions(Optional.empty()).data()).extracting(SessionInfo::id).contains(id);

        client.deleteSession(id);

        assertThatThrownBy(() -> client.retrieveSession(id)).isInstanceOfSatisfying(AgentsApiException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.errorType()).isEqualTo("not_found_error");
            assertThat(e.requestId()).isPresent();
        });
    }

    @Test
    void sendsEventsAndReturnsTheirIds() {
        String id = api.newSession();

        List<String> ids = client.sendEvents(id, List.of(new OutboundEvent.UserMessage("hello")));

        assertThat(ids).hasSize(1).allMatch(e -> e.startsWith("sevt_"));
        assertThat(api.fake.receivedUserEvents(id)).singleElement()
                .satisfies(e -> assertThat(e.path("content").get(0).path("text").asText()).isEqualTo("hello"));
        await().untilAsserted(() -> assertThat(client.listEvents(id, Optional.empty()).data())
                .anySatisfy(e -> assertThat(e).isEqualTo(new AgentEvent.AgentText(e.id(), "Echo: hello", e.rawJson()))));
    }

    @Test
    void encodesInterruptAndToolConfirmation() {
        String id = api.newSession();
        String toolUse = api.fake.agent(id).toolUse("bash", "{\"command\":\"ls\"}", true); // one waiting for an answer
        client.sendEvents(id, List.of(new OutboundEvent.Interrupt(),
                new OutboundEvent.ToolConfirmation(toolUse, false, Optional.of("not now"))));
        List<JsonNode> received = api.fake.receivedUserEvents(id);
        assertThat(received.get(0).path("type").asText()).isEqualTo("user.interrupt");
        assertThat(received.get(1).path("type").asText()).isEqualTo("user.tool_confirmation");
        assertThat(received.get(1).path("tool_use_id").asText()).isEqualTo(toolUse);
        assertThat(received.get(1).path("result").asText()).isEqualTo("deny");
        assertThat(received.get(1).path("deny_message").asText()).isEqualTo("not now");
    }

    @Test
    void pagesThroughLongEventHistories() {
        String id = api.newSession();
        for (int i = 0; i < 1005; i++) {
            api.fake.agent(id).agentMessage("m" + i, 0);
        }
        Page<AgentEvent> first = client.listEvents(id, Optional.empty());
        assertThat(first.data()).hasSize(1000);
        assertThat(first.nextPage()).isPresent();
        Page<AgentEvent> second = client.listEvents(id, first.nextPage());
        assertThat(second.data()).hasSize(5);
        assertThat(second.nextPage()).isEmpty();
    }

    @Test
    void sendsTheBetaHeaderAndTheKeyOnEveryRequest() {
        // Observed: the SDK (3.13.0) sends "Authorization: Bearer", anthropic-version 2026-10-21 and the beta header.
        String id = api.newSession();
        client.retrieveSession(id);
        for (RecordedRequest request : api.fake.requests()) {
            assertThat(request.header("anthropic-beta")).contains(AgentsClient.BETA);
            assertThat(request.header("anthropic-version")).isNotBlank();
            assertThat(request.status()).isEqualTo(200);
            boolean keyHeader = FakeApi.KEY.equals(request.header("x-api-key"));
            boolean bearer = ("Bearer " + FakeApi.KEY).equals(request.header("authorization"));
            assertThat(keyHeader || bearer).isTrue();
        }
    }

    @Test
    void aWrongKeyIsAnAuthenticationErrorWithoutTheKeyInIt() {
        String wrongKey = "sk-ant-wrong-KEY-987654321";
        try (AgentsClient wrong = new AgentsClient(api.settings(wrongKey, Duration.ofSeconds(30)))) {
            assertThatThrownBy(() -> wrong.retrieveAgent("agent_1")).isInstanceOfSatisfying(AgentsApiException.class,
                    e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.errorType()).isEqualTo("authentication_error");
                        assertThat(e.getMessage()).doesNotContain(wrongKey).doesNotContain(FakeApi.KEY);
                        assertThat(e.toString()).doesNotContain(wrongKey);
                    });
            assertThat(api.fake.requests("GET", "/v1/agents/agent_1")).hasSize(1); // 401 is not retried
        }
    }

    @Test
    void settingsAndClientNeverShowTheKey() {
        AgentsClientSettings settings = api.settings(FakeApi.KEY, Duration.ofSeconds(1));
        assertThat(settings.toString()).doesNotContain(FakeApi.KEY).contains("****");
        assertThat(client.toString()).doesNotContain(FakeApi.KEY);
        assertThat(new Secret(FakeApi.KEY).toString()).isEqualTo("****");
    }
}
