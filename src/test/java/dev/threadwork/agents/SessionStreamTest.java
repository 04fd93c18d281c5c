package dev.threadwork.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadwork.fakes.agents.AgentScript;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionStreamTest {

    private FakeApi api = new FakeApi();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() {
        api.close();
    }

    private SessionStream open(String sessionId) {
        SessionStream stream = api.client.openStream(sessionId, Optional.empty(), false, listener);
        await().until(stream::isConnected);
        return stream;
    }

    private void awaitAllDelivered(String sessionId) {
        await().untilAsserted(() -> assertThat(listener.ids()).isEqualTo(api.persistedIds(sessionId)));
    }

    private void awaitIdle(String sessionId, int turns) {
        await().until(() -> api.fake.events(sessionId).stream()
                .filter(e -> e.path("type").asText().equals("session.status_idle")).count() >= turns);
    }

    @Test
    void deliversALiveTurnInOrderWithTypedEvents() {
        String id = api.newSession();
        open(id);

        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("hi")));

        awaitIdle(id, 1);
        awaitAllDelivered(id);
        assertThat(listener.types()).containsExactly("user.message", "session.status_running",
                "span.model_request_start", "agent.message", "span.model_request_end", "session.usage",
                "session.status_idle");
        assertThat(listener.events.get(0)).isInstanceOfSatisfying(AgentEvent.UserEcho.class,
                e -> assertThat(e.text()).isEqualTo("hi"));
        assertThat(listener.events.get(3)).isInstanceOfSatisfying(AgentEvent.AgentText.class,
                e -> assertThat(e.text()).isEqualTo("Echo: hi"));
        assertThat(listener.events.get(4)).isInstanceOfSatisfying(AgentEvent.ModelRequestEnd.class,
                e -> assertThat(e.inputTokens()).isEqualTo(100));
        assertThat(listener.events.get(5)).isInstanceOfSatisfying(AgentEvent.Usage.class, e -> {
            assertThat(e.outputTokens()).isEqualTo(20);
            assertThat(e.listCost()).contains(new BigDecimal("0.01"));
            assertThat(e.currency()).contains("USD");
        });
        assertThat(listener.events.get(6)).isInstanceOfSatisfying(AgentEvent.StatusChange.class, e -> {
            assertThat(e.status()).isEqualTo(AgentEvent.SessionStatus.IDLE);
            assertThat(e.stopReason()).hasValueSatisfying(r -> assertThat(r.endTurn()).isTrue());
        });
        assertThat(listener.events).allSatisfy(e -> assertThat(e.rawJson()).contains(e.id()));
    }

    @Test
    void deliversHistoryFirstThenLiveEvents() {
        String id = api.newSession();
        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("before")));
        awaitIdle(id, 1);

        open(id);
        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("after")));

        awaitIdle(id, 2);
        awaitAllDelivered(id);
        assertThat(listener.events).filteredOn(AgentEvent.AgentText.class::isInstance)
                .extracting(e -> ((AgentEvent.AgentText) e).text()).containsExactly("Echo: before", "Echo: after");
    }

    @Test
    void aCutStreamResumesWithNoEventLostOrRepeated() {
        String id = api.newSession();
        api.fake.faults().cutStreamsAfter(3, 3);
        open(id);

        for (int i = 0; i < 3; i++) {
            api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("m" + i)));
        }

        awaitIdle(id, 3);
        awaitAllDelivered(id);
        assertThat(listener.ids()).doesNotHaveDuplicates();
        assertThat(listener.reconnects.get()).isGreaterThanOrEqualTo(1);
        assertThat(api.fake.streamConnections()).isGreaterThan(1);
    }

    @Test
    void duplicatedEventsOnTheWireAreDeliveredOnce() {
        String id = api.newSession();
        api.fake.faults().duplicateEvents(true);
        open(id);

        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("twice?")));

        awaitIdle(id, 1);
        awaitAllDelivered(id);
        assertThat(listener.ids()).doesNotHaveDuplicates();
    }

    @Test
    void resumingFromAPersistedLastSeenIdSkipsWhatWasSeen() {
        String id = api.newSession();
        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("one")));
        awaitIdle(id, 1);
        List<String> history = api.persistedIds(id);
        String lastSeen = history.get(2);

        SessionStream stream = api.client.openStream(id, Optional.of(lastSeen), false, listener);
        await().until(stream::isConnected);
        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("two")));

        awaitIdle(id, 2);
        List<String> all = api.persistedIds(id);
        await().untilAsserted(() -> assertThat(listener.ids()).isEqualTo(all.subList(3, all.size())));
        assertThat(stream.lastDeliveredEventId()).contains(all.get(all.size() - 1));
    }

    @Test
    void anUnknownLastSeenIdDeliversEverythingRatherThanNothing() {
        String id = api.newSession();
        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("one")));
        awaitIdle(id, 1);

        api.client.openStream(id, Optional.of("sevt_does_not_exist"), false, listener);

        awaitAllDelivered(id);
    }

    @Test
    void anUnknownEventTypeArrivesAsUnknownWithItsRawJson() {
        String id = api.newSession();
        api.fake.agent(id).emit("{\"type\":\"agent.brand_new_thing\",\"shiny\":{\"level\":3}}");
        open(id);

        api.fake.agent(id).emit("{\"type\":\"session.other_new_thing\",\"x\":1}");

        await().untilAsserted(() -> assertThat(listener.events).hasSize(2));
        assertThat(listener.events.get(0)).isInstanceOfSatisfying(AgentEvent.Unknown.class, e -> {
            assertThat(e.type()).isEqualTo("agent.brand_new_thing");
            assertThat(e.rawJson()).contains("\"shiny\":{\"level\":3}");
        });
        assertThat(listener.events.get(1)).isInstanceOfSatisfying(AgentEvent.Unknown.class,
                e -> assertThat(e.rawJson()).contains("\"x\":1"));
    }

    @Test
    void aSilentConnectionIsTreatedAsDeadAndReplaced() {
        api.close();
        api = new FakeApi(Duration.ofMillis(300));
        api.fake.faults().silentStreams(true);
        String id = api.newSession();
        open(id);

        await().until(() -> listener.reconnects.get() >= 1);
        api.fake.faults().silentStreams(false);
        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("still there?")));

        awaitIdle(id, 1);
        awaitAllDelivered(id);
        assertThat(listener.closed).isFalse();
    }

    @Test
    void heartbeatsKeepAQuietConnectionAlive() {
        api.close();
        api = new FakeApi(Duration.ofSeconds(1));
        api.fake.heartbeatInterval(Duration.ofMillis(50));
        String id = api.newSession();
        open(id);

        // Both heartbeat forms (comment and named ping) alternate; 60 of them span 3 idle timeouts.
        await().until(() -> api.fake.heartbeatsSent() >= 60);

        assertThat(listener.reconnects.get()).isZero();
        assertThat(api.fake.streamConnections()).isEqualTo(1);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void theStreamEndsWhenTheSessionIsTerminated() {
        String id = api.newSession();
        SessionStream stream = open(id);

        api.fake.agent(id).terminated();

        await().untilTrue(listener.closed);
        assertThat(listener.closeCause.get()).isNull();
        assertThat(listener.events).last().isInstanceOfSatisfying(AgentEvent.StatusChange.class,
                e -> assertThat(e.status()).isEqualTo(AgentEvent.SessionStatus.TERMINATED));
        assertThat(stream.isClosed()).isTrue();
        assertThat(stream.isConnected()).isFalse();
    }

    @Test
    void theStreamEndsWhenTheSessionIsDeleted() {
        String id = api.newSession();
        open(id);

        api.client.deleteSession(id);

        await().untilTrue(listener.closed);
        assertThat(listener.closeCause.get()).isNull();
    }

    @Test
    void closeStopsTheStreamAndReleasesTheConnection() {
        api.fake.heartbeatInterval(Duration.ofMillis(100)); // the fake notices a gone client on its next write
        String id = api.newSession();
        SessionStream stream = open(id);
        await().until(() -> api.fake.openStreams() == 1);

        stream.close();

        await().untilTrue(listener.closed);
        await().until(() -> api.fake.openStreams() == 0);
        assertThat(api.client.openStreamCount()).isZero();
    }

    @Test
    void previewsAreDeliveredOnlyWhenAskedFor() {
        String id = api.newSession();
        SessionStream stream = api.client.openStream(id, Optional.empty(), true, listener);
        await().until(stream::isConnected);

        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("preview me")));

        awaitIdle(id, 1);
        awaitAllDelivered(id);
        String messageId = listener.events.stream().filter(AgentEvent.AgentText.class::isInstance).findFirst()
                .orElseThrow().id();
        assertThat(listener.previews).isNotEmpty().allMatch(p -> p.messageKey().equals(messageId));
        assertThat(listener.previews).last().extracting(AgentEvent.TextPreview::textSoFar)
                .isEqualTo("Echo: preview me");

        RecordingListener plain = new RecordingListener();
        SessionStream without = api.client.openStream(id, Optional.of(listener.ids().getLast()), false, plain);
        await().until(without::isConnected);
        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("again")));
        awaitIdle(id, 2);
        await().untilAsserted(() -> assertThat(plain.types()).contains("session.status_idle"));
        assertThat(plain.previews).isEmpty();
    }

    @Test
    void aToolCallWaitsForConfirmationAndThenCompletes() {
        api.fake.defaultScript(AgentScript.toolNeedingConfirmation("bash", "{\"command\":\"ls\"}"));
        String id = api.newSession();
        open(id);

        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("list files")));

        await().until(() -> listener.events.stream().anyMatch(e -> e instanceof AgentEvent.StatusChange s
                && s.stopReason().map(AgentEvent.StopReason::requiresAction).orElse(false)));
        AgentEvent.ToolUse toolUse = listener.events.stream().filter(AgentEvent.ToolUse.class::isInstance)
                .map(AgentEvent.ToolUse.class::cast).findFirst().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("bash");
        assertThat(toolUse.askForConfirmation()).isTrue();
        assertThat(toolUse.inputJson()).isEqualTo("{\"command\":\"ls\"}");

        api.client.sendEvents(id, List.of(new OutboundEvent.ToolConfirmation(toolUse.id(), true, Optional.empty())));

        awaitIdle(id, 2);
        awaitAllDelivered(id);
        assertThat(listener.events).filteredOn(AgentEvent.ToolResult.class::isInstance).singleElement()
                .isInstanceOfSatisfying(AgentEvent.ToolResult.class, r -> {
                    assertThat(r.toolUseId()).isEqualTo(toolUse.id());
                    assertThat(r.error()).isFalse();
                });
    }

    @Test
    void aRejectedStreamConnectIsRetried() {
        String id = api.newSession();
        // 429, not 503: OkHttp itself silently repeats a 503 that says "retry-after: 0".
        api.fake.faults().failNext("GET /v1/sessions/.+/events/stream", 2, 429, Optional.of(0));

        open(id);
        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("hi")));

        awaitIdle(id, 1);
        awaitAllDelivered(id);
        assertThat(api.fake.requests("GET", ".*/events/stream")).extracting(r -> r.status()).startsWith(429, 429);
        assertThat(listener.reconnects.get()).isEqualTo(2);
    }

    @Test
    void aBudgetStopIsVisibleAndBlocksNewMessagesUntilRaised() {
        api.fake.defaultScript(AgentScript.reachesBudget());
        String id = api.client.createSession(new CreateSessionRequest("agent_1", "env_1", "budgeted",
                java.util.Map.of(), Optional.of(new BigDecimal("2.50")))).id();
        open(id);

        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("expensive")));

        await().until(() -> listener.events.stream().anyMatch(e -> e instanceof AgentEvent.StatusChange s
                && s.stopReason().map(AgentEvent.StopReason::budgetReached).orElse(false)));
        assertThat(listener.events).filteredOn(AgentEvent.Usage.class::isInstance).singleElement()
                .isInstanceOfSatisfying(AgentEvent.Usage.class, u -> assertThat(u.listCost()).contains(new BigDecimal("2.50")));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("more"))))
                .isInstanceOfSatisfying(AgentsApiException.class, e -> assertThat(e.status()).isEqualTo(400));

        api.client.updateSession(id, UpdateSessionRequest.budget(new BigDecimal("10")));

        assertThat(api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("more")))).hasSize(1);
    }

    @Test
    void sessionErrorsReschedulingAndTerminationArriveInOrderThenTheStreamEnds() {
        api.fake.defaultScript(AgentScript.failsAndTerminates("model_overloaded_error", "overloaded"));
        String id = api.newSession();
        open(id);

        api.client.sendEvents(id, List.of(new OutboundEvent.UserMessage("go")));

        await().untilTrue(listener.closed);
        assertThat(listener.types()).containsExactly("user.message", "session.status_running", "session.error",
                "session.status_rescheduled", "session.error", "session.status_terminated");
        assertThat(listener.events.get(2)).isInstanceOfSatisfying(AgentEvent.SessionError.class, e -> {
            assertThat(e.retrying()).isTrue();
            assertThat(e.message()).isEqualTo("overloaded");
        });
    }
}
