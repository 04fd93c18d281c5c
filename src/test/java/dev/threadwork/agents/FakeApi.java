package dev.threadwork.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadwork.config.Secret;
import dev.threadwork.fakes.agents.AgentScript;
import dev.threadwork.fakes.agents.FakeManagedAgents;
import java.time.Duration;
import java.util.List;

/** A started fake plus a client pointed at it, with fast retries; close() stops both. */
final class FakeApi implements AutoCloseable {

    static final String KEY = "sk-ant-test-Sup3rSecretKeyValue";

    static final String AGENT_ID = "agent_1";
    static final String ENVIRONMENT_ID = "env_1";

    final FakeManagedAgents fake = new FakeManagedAgents(KEY, 0).addAgent(AGENT_ID, "Threadwork test agent")
            .addEnvironment(ENVIRONMENT_ID, "test environment").defaultScript(AgentScript.echo()).start();
    final AgentsClient client;

    FakeApi() {
        this(Duration.ofSeconds(30));
    }

    FakeApi(Duration idleTimeout) {
        client = new AgentsClient(settings(KEY, idleTimeout));
    }

    AgentsClientSettings settings(String key, Duration idleTimeout) {
        return new AgentsClientSettings(java.net.URI.create(fake.baseUrl()), new Secret(key), idleTimeout, 6000, 60000,
                new AgentsClientSettings.RetrySettings(5, Duration.ofMillis(20), Duration.ofMillis(200),
                        Duration.ofSeconds(5)),
                Duration.ofSeconds(20), 8);
    }

    String newSession() {
        return client.createSession(new CreateSessionRequest(AGENT_ID, ENVIRONMENT_ID, "test", java.util.Map.of(),
                java.util.Optional.empty())).id();
    }

    List<String> persistedIds(String sessionId) {
        return fake.events(sessionId).stream().map(e -> e.path("id").asText()).toList();
    }

    List<JsonNode> persisted(String sessionId) {
        return fake.events(sessionId);
    }

    @Override
    public void close() {
        client.close();
        fake.close();
    }
}
