package dev.threadwork.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventMapperTest {

    private final EventMapper mapper = new EventMapper();

    @Test
    void mapsAgentText() {
        AgentEvent event = mapper.map("""
                {"id":"sevt_1","type":"agent.message","processed_at":"2026-01-01T00:00:00Z",
                 "content":[{"type":"text","text":"Hello "},{"type":"text","text":"world"}]}""");
        assertThat(event).isInstanceOfSatisfying(AgentEvent.AgentText.class, e -> {
            assertThat(e.id()).isEqualTo("sevt_1");
            assertThat(e.text()).isEqualTo("Hello world");
            assertThat(e.rawJson()).contains("processed_at");
        });
    }

    @Test
    void mapsMcpToolUseAndResult() {
        AgentEvent use = mapper.map("""
                {"id":"sevt_2","type":"agent.mcp_tool_use","name":"search","mcp_server_name":"github",
                 "input":{"q":"x"},"evaluated_permission":"ask"}""");
        assertThat(use).isEqualTo(new AgentEvent.ToolUse("sevt_2", "agent.mcp_tool_use", "search",
                java.util.Optional.of("github"), "{\"q\":\"x\"}", true, use.rawJson()));
        AgentEvent result = mapper.map("""
                {"id":"sevt_3","type":"agent.mcp_tool_result","mcp_tool_use_id":"sevt_2",
                 "content":[{"type":"text","text":"found"}],"is_error":true}""");
        assertThat(result).isEqualTo(new AgentEvent.ToolResult("sevt_3", "agent.mcp_tool_result", "sevt_2",
                "found", true, result.rawJson()));
    }

    @Test
    void mapsStatusesWithStopReasons() {
        AgentEvent idle = mapper.map("""
                {"id":"sevt_4","type":"session.status_idle",
                 "stop_reason":{"type":"requires_action","event_ids":["sevt_2"]}}""");
        assertThat(idle).isInstanceOfSatisfying(AgentEvent.StatusChange.class, e -> {
            assertThat(e.status()).isEqualTo(AgentEvent.SessionStatus.IDLE);
            assertThat(e.stopReason()).contains(new AgentEvent.StopReason("requires_action", List.of("sevt_2")));
        });
        assertThat(mapper.map("{\"id\":\"a\",\"type\":\"session.status_idle\",\"stop_reason\":{\"type\":\"budget_reached\"}}"))
                .isInstanceOfSatisfying(AgentEvent.StatusChange.class,
                        e -> assertThat(e.stopReason().orElseThrow().budgetReached()).isTrue());
        assertThat(mapper.map("{\"id\":\"b\",\"type\":\"session.status_rescheduled\"}"))
                .isInstanceOfSatisfying(AgentEvent.StatusChange.class,
                        e -> assertThat(e.status()).isEqualTo(AgentEvent.SessionStatus.RESCHEDULING));
        assertThat(mapper.map("{\"id\":\"c\",\"type\":\"session.status_terminated\"}"))
                .isInstanceOfSatisfying(AgentEvent.StatusChange.class,
                        e -> assertThat(e.status()).isEqualTo(AgentEvent.SessionStatus.TERMINATED));
    }

    @Test
    void mapsSessionErrorsAndUsage() {
        assertThat(mapper.map("""
                {"id":"e","type":"session.error","error":{"type":"model_overloaded_error","message":"busy",
                 "retry_status":{"type":"retrying"}}}""")).isInstanceOfSatisfying(AgentEvent.SessionError.class, e -> {
            assertThat(e.errorType()).isEqualTo("model_overloaded_error");
            assertThat(e.message()).isEqualTo("busy");
            assertThat(e.retrying()).isTrue();
        });
        assertThat(mapper.map("""
                {"id":"u","type":"session.usage","usage":{"input_tokens":10,"output_tokens":5,
                 "cache_read_input_tokens":3,"cache_creation":{"ephemeral_5m_input_tokens":2,"ephemeral_1h_input_tokens":1},
                 "list_cost":{"amount":"1234","currency":"USD"}}}""")).isInstanceOfSatisfying(AgentEvent.Usage.class, e -> {
            assertThat(e.inputTokens()).isEqualTo(10);
            assertThat(e.cacheReadTokens()).isEqualTo(3);
            assertThat(e.cacheCreationTokens()).isEqualTo(3);
            assertThat(e.listCost()).contains(new BigDecimal("12.34"));
        });
    }

    @Test
    void usageWithFractionalCentsIsReadNotDropped() {
        assertThat(mapper.map("""
                {"id":"u2","type":"session.usage","usage":{"input_tokens":10,"output_tokens":5,
                 "list_cost":{"amount":"12.345","currency":"USD"}}}""")).isInstanceOfSatisfying(AgentEvent.Usage.class, e ->
                assertThat(e.listCost()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.12345")));
        assertThat(mapper.map("""
                {"id":"u3","type":"session.usage","usage":{"list_cost":{"amount":"0.5","currency":"USD"}}}"""))
                .isInstanceOfSatisfying(AgentEvent.Usage.class, e ->
                        assertThat(e.listCost()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.005")));
    }

    @Test
    void unknownTypesUnknownFieldsAndOddShapesNeverBreak() {
        assertThat(mapper.map("{\"id\":\"x\",\"type\":\"agent.future_thing\",\"a\":[1,2]}"))
                .isEqualTo(new AgentEvent.Unknown("x", "agent.future_thing", "{\"id\":\"x\",\"type\":\"agent.future_thing\",\"a\":[1,2]}"));
        assertThat(mapper.map("{\"id\":\"y\",\"type\":\"agent.message\",\"content\":[{\"type\":\"image\"}],\"new\":1}"))
                .isInstanceOfSatisfying(AgentEvent.AgentText.class, e -> assertThat(e.text()).isEmpty());
        // A figure the bot cannot read never drops the event: the tokens still count.
        assertThat(mapper.map("{\"id\":\"z\",\"type\":\"session.usage\",\"usage\":{\"input_tokens\":7,\"list_cost\":{\"amount\":\"abc\"}}}"))
                .isInstanceOfSatisfying(AgentEvent.Usage.class, e -> {
                    assertThat(e.inputTokens()).isEqualTo(7);
                    assertThat(e.listCost()).isEmpty();
                });
        assertThat(mapper.map("not json")).isInstanceOf(AgentEvent.Unknown.class);
    }

    @Test
    void foldsPreviewDeltasIntoTextSoFar() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        PreviewAccumulator previews = new PreviewAccumulator();
        assertThat(previews.accept(json.readTree("{\"type\":\"event_start\",\"event\":{\"type\":\"agent.message\",\"id\":\"m\"}}")))
                .contains(new AgentEvent.TextPreview("m", ""));
        previews.accept(json.readTree("{\"type\":\"event_delta\",\"event_id\":\"m\",\"delta\":{\"index\":0,\"content\":{\"type\":\"text\",\"text\":\"Hel\"}}}"));
        assertThat(previews.accept(json.readTree("{\"type\":\"event_delta\",\"event_id\":\"m\",\"delta\":{\"index\":0,\"content\":{\"type\":\"text\",\"text\":\"lo\"}}}")))
                .contains(new AgentEvent.TextPreview("m", "Hello"));
        assertThat(previews.accept(json.readTree("{\"type\":\"event_start\",\"event\":{\"type\":\"agent.thinking\",\"id\":\"t\"}}")))
                .isEmpty();
    }
}
