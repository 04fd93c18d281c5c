package dev.threadwork.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.threadwork.config.Secret;
import dev.threadwork.fakes.agents.FakeManagedAgents;
import dev.threadwork.fakes.agents.SessionHandle;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the loopback fake of the API, over real HTTP. */
class AgentsClientTest {

    private FakeManagedAgents fake;
    private AgentsClient client;

    @BeforeEach
    void start() {
        fake = new FakeManagedAgents().start();
        client = new AgentsClient(settings(600));
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    private AgentsClientSettings settings(int readsPerMinute) {
        return new AgentsClientSettings(URI.create(fake.baseUrl()), new Secret(FakeManagedAgents.API_KEY),
                Duration.ofSeconds(5), 600, readsPerMinute, 6, Duration.ofSeconds(10), Duration.ofMillis(200));
    }

    /** Collects what a stream delivers. */
    private static final class Collector implements SessionStreamListener {
        final List<AgentEvent> events = new CopyOnWriteArrayList<>();
        final List<AgentEvent.TextPreview> previews = new CopyOnWriteArrayList<>();
        volatile int reconnects;

        @Override
        public void onEvent(AgentEvent event) {
            events.add(event);
        }

        @Override
        public void onPreview(AgentEvent.TextPreview preview) {
            previews.add(preview);
        }

        @Override
        public void onReconnecting(int attempt, Throwable cause) {
            reconnects++;
        }

        List<String> ids() {
            return events.stream().map(AgentEvent::id).toList();
        }
    }

    private String newSession() {
        return client.createSession(new Resources.CreateSessionRequest("agent_default", "env_default", "t",
                Map.of("k", "v"), Optional.empty())).id();
    }

    @Test
    void createsASessionAndStreamsTheEchoTurnInOrder() {
        String sessionId = newSession();
        Collector collector = new Collector();
        try (SessionStream stream = client.openStream(sessionId, Optional.empty(), false, collector)) {
            stream.awaitConnected(Duration.ofSeconds(10));
            client.sendEvents(sessionId, List.of(new OutboundEvent.UserMessage("hello")));

            await().atMost(Duration.ofSeconds(10)).until(() -> collector.events.stream()
                    .anyMatch(e -> e instanceof AgentEvent.StatusChange s && s.status() == AgentEvent.SessionStatus.IDLE));
        }
        assertThat(collector.events).extracting(AgentEvent::type).containsExactly("user.message", "session.status_running",
                "agent.message", "span.model_request_end", "session.usage", "session.status_idle");
        assertThat(collector.events.get(2)).isInstanceOfSatisfying(AgentEvent.AgentText.class,
                text -> assertThat(text.text()).isEqualTo("Echo: hello"));
        assertThat(collector.events.get(4)).isInstanceOfSatisfying(AgentEvent.Usage.class,
                usage -> assertThat(usage.listCost()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.0045")));
        assertThat(fake.session(sessionId).metadata().path("k").asText()).isEqualTo("v");
    }

    @Test
    void aStreamCutAfterEveryTwoEventsResumesWithNothingLostOrRepeated() {
        fake.cutStreamsAfter(2);
        String sessionId = newSession();
        Collector collector = new Collector();
        try (SessionStream stream = client.openStream(sessionId, Optional.empty(), false, collector)) {
            stream.awaitConnected(Duration.ofSeconds(10));
            for (int i = 0; i < 5; i++) {
                client.sendEvents(sessionId, List.of(new OutboundEvent.UserMessage("m" + i)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> collector.events.size() == fake.session(sessionId).events().size()
                    && fake.session(sessionId).events().size() == 30);
        }
        List<String> expected = fake.session(sessionId).events().stream().map(e -> e.path("id").asText()).toList();
        assertThat(collector.ids()).containsExactlyElementsOf(expected).doesNotHaveDuplicates();
        assertThat(collector.reconnects).isPositive();
    }

    @Test
    void duplicatedEventsOnTheWireReachTheListenerOnce() {
        fake.duplicateEvents(true);
        String sessionId = newSession();
        Collector collector = new Collector();
        try (SessionStream stream = client.openStream(sessionId, Optional.empty(), false, collector)) {
            stream.awaitConnected(Duration.ofSeconds(10));
            client.sendEvents(sessionId, List.of(new OutboundEvent.UserMessage("twice")));
            await().atMost(Duration.ofSeconds(10)).until(() -> collector.events.size() >= 6);
        }
        assertThat(collector.ids()).doesNotHaveDuplicates().hasSize(6);
    }

    @Test
    void resumingFromAPersistedLastSeenIdSkipsWhatWasSeen() {
        String sessionId = newSession();
        client.sendEvents(sessionId, List.of(new OutboundEvent.UserMessage("before the restart")));
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.session(sessionId).events().size() == 6);
        List<String> before = fake.session(sessionId).events().stream().map(e -> e.path("id").asText()).toList();

        Collector collector = new Collector();
        try (SessionStream stream = client.openStream(sessionId, Optional.of(before.get(2)), false, collector)) {
            stream.awaitConnected(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> collector.events.size() == 3);
        }
        assertThat(collector.ids()).containsExactlyElementsOf(before.subList(3, 6));
    }

    @Test
    void anUnknownEventTypeReachesTheListenerAsRawJson() {
        String sessionId = newSession();
        Collector collector = new Collector();
        try (SessionStream stream = client.openStream(sessionId, Optional.empty(), false, collector)) {
            stream.awaitConnected(Duration.ofSeconds(10));
            fake.act(sessionId).unknown("agent.future_thing");
            await().atMost(Duration.ofSeconds(10)).until(() -> !collector.events.isEmpty());
        }
        assertThat(collector.events.getFirst()).isInstanceOfSatisfying(AgentEvent.Unknown.class, unknown -> {
            assertThat(unknown.type()).isEqualTo("agent.future_thing");
            assertThat(unknown.rawJson()).contains("\"novel_field\":42");
        });
    }

    @Test
    void previewsArriveWhenAskedForAndTheAuthoritativeTextFollows() {
        fake.script((session, text) -> {
            session.running();
            session.text("a fairly long answer in pieces", 5);
            session.idle("end_turn");
        });
        String sessionId = newSession();
        Collector collector = new Collector();
        try (SessionStream stream = client.openStream(sessionId, Optional.empty(), true, collector)) {
            stream.awaitConnected(Duration.ofSeconds(10));
            client.sendEvents(sessionId, List.of(new OutboundEvent.UserMessage("go")));
            await().atMost(Duration.ofSeconds(10)).until(() -> collector.events.stream().anyMatch(e -> e instanceof AgentEvent.AgentText));
        }
        assertThat(collector.previews).isNotEmpty();
        assertThat(collector.previews.getLast().textSoFar()).isEqualTo("a fairly long answer in pieces");
    }

    @Test
    void a429WithRetryAfterIsWaitedOutAndTheCallSucceeds() {
        fake.failNext(2, 429, 1);

        Resources.AgentInfo agent = client.retrieveAgent("agent_default");

        assertThat(agent.id()).isEqualTo("agent_default");
        assertThat(fake.requestLog()).filteredOn(line -> line.equals("GET /v1/agents/agent_default")).hasSize(3);
    }

    @Test
    void sendingEventsIsRetriedOnlyWhenTheApiSaidItDidNotProcessThem() {
        String sessionId = newSession();
        fake.failNext(1, 503, 0);
        client.sendEvents(sessionId, List.of(new OutboundEvent.UserMessage("after a 503")));
        assertThat(fake.userMessages(sessionId)).containsExactly("after a 503");

        fake.failNext(1, 500, null);
        assertThatThrownBy(() -> client.sendEvents(sessionId, List.of(new OutboundEvent.UserMessage("after a 500"))))
                .isInstanceOfSatisfying(AgentsApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.maybeProcessed()).isTrue();
                });
        assertThat(fake.userMessages(sessionId)).containsExactly("after a 503");
    }

    @Test
    void errorsAreTypedAndCarryTheRequestIdButNeverTheKey() {
        assertThatThrownBy(() -> client.retrieveAgent("agent_missing"))
                .isInstanceOfSatisfying(AgentsApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorType()).contains("not_found_error");
                    assertThat(e.requestId()).isPresent();
                    assertThat(e.getMessage()).doesNotContain(FakeManagedAgents.API_KEY);
                });
        AgentsClient wrongKey = new AgentsClient(new AgentsClientSettings(URI.create(fake.baseUrl()),
                new Secret("sk-ant-wrong-key-123"), Duration.ofSeconds(5), 60, 600));
        assertThatThrownBy(() -> wrongKey.retrieveAgent("agent_default"))
                .isInstanceOfSatisfying(AgentsApiException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageNotContaining("sk-ant-wrong-key-123");
        assertThat(wrongKey.toString()).doesNotContain("sk-ant");
        wrongKey.close();
    }

    @Test
    void theKeyNeverShowsInALogEvenAtTheFinestLevel() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Handler handler = new StreamHandler(captured, new SimpleFormatter());
        handler.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Level previous = root.getLevel();
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        Logger.getLogger("dev.threadwork").setLevel(Level.ALL);
        try {
            fake.failNext(1, 503, 0);
            String sessionId = newSession();
            fake.cutStreamsAfter(1);
            Collector collector = new Collector();
            try (SessionStream stream = client.openStream(sessionId, Optional.empty(), false, collector)) {
                stream.awaitConnected(Duration.ofSeconds(10));
                client.sendEvents(sessionId, List.of(new OutboundEvent.UserMessage("log me")));
                await().atMost(Duration.ofSeconds(20)).until(() -> collector.events.size() >= 6);
            }
        } finally {
            handler.flush();
            root.removeHandler(handler);
            root.setLevel(previous);
        }
        assertThat(captured.toString()).isNotEmpty().doesNotContain(FakeManagedAgents.API_KEY);
    }

    @Test
    void theRateLimiterQueuesCallsInsteadOfFailingThem() throws Exception {
        AgentsClient slow = new AgentsClient(settings(60)); // a burst of 6, then one a second
        try {
            List<Thread> callers = new java.util.ArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 9; i++) {
                callers.add(Thread.ofVirtual().start(() -> {
                    try {
                        slow.retrieveAgent("agent_default");
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread caller : callers) {
                caller.join();
            }
            assertThat(failures).isEmpty();
            assertThat(fake.requestLog()).filteredOn(line -> line.startsWith("GET /v1/agents/")).hasSize(9);
        } finally {
            slow.close();
        }
    }

    @Test
    void unusedHandleIsHarmless() {
        SessionHandle handle = fake.act(newSession());
        assertThat(handle.eventIds()).isEmpty();
    }
}
