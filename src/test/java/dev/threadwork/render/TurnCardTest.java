package dev.threadwork.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.threadwork.agents.AgentEvent;
import dev.threadwork.agents.AgentEvent.SessionStatus;
import dev.threadwork.agents.AgentEvent.StatusChange;
import dev.threadwork.agents.AgentEvent.StopReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The activity card of a scripted turn, as the exact Block Kit JSON Slack receives. */
class TurnCardTest {

    private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
    private final CardBuilder cards = new CardBuilder(new CostEstimator(new BigDecimal("3"), new BigDecimal("15")));

    private static StatusChange status(String id, SessionStatus status, StopReason reason) {
        return new StatusChange(id, "session.status_" + status.name().toLowerCase(), status, Optional.ofNullable(reason), "{}");
    }

    private static String json(List<LayoutBlock> blocks) {
        return GsonFactory.createSnakeCase().toJson(blocks).replace("\\u003c", "<").replace("\\u003e", ">");
    }

    @Test
    void aTurnWithToolsShowsEachCallCompactlyAndEndsWithTheFooter() {
        Turn turn = new Turn("sevt_1", START);
        turn.apply(status("sevt_1", SessionStatus.RUNNING, null), START);
        turn.apply(new AgentEvent.ToolUse("sevt_2", "agent.tool_use", "bash", Optional.empty(),
                "{\"command\":\"mvn test\"}", false, "{}"), START);
        turn.apply(new AgentEvent.ToolResult("sevt_3", "agent.tool_result", "sevt_2",
                "[INFO] BUILD FAILURE\nTests run: 3, Failures: 1\nmore\nexit code: 1", true, "{}"), START);
        turn.apply(new AgentEvent.ToolUse("sevt_4", "agent.tool_use", "edit", Optional.empty(),
                "{\"file_path\":\"src/App.java\",\"old_string\":\"a\",\"new_string\":\"b\"}", false, "{}"), START);
        turn.apply(new AgentEvent.ToolResult("sevt_5", "agent.tool_result", "sevt_4", "ok", false, "{}"), START);
        turn.apply(new AgentEvent.ModelRequestEnd("sevt_6", 12_000, 1_200, 300, 0, false, "{}"), START);

        CardBuilder.Card working = cards.build("sesn_1", turn, START.plusSeconds(5));
        assertThat(working.text()).isEqualTo(":hourglass_flowing_sand: Working — 2 tool calls");
        assertThat(json(working.blocks()))
                .contains("*Working* · 5s · 2 tool calls · 13.5k tokens")
                .contains("✗ `bash: mvn test` — failed, exit 1 — [INFO] BUILD FAILURE ⏎ Tests run: 3, Failures: 1")
                .contains("✓ `edit: src/App.java` — ok")
                .contains("\"action_id\":\"tool_output_sevt_2\"").contains("\"value\":\"sesn_1|sevt_2\"")
                .contains("\"action_id\":\"session_stop\"").contains("\"action_id\":\"session_end\"");

        turn.apply(status("sevt_7", SessionStatus.IDLE, new StopReason("end_turn", List.of())), START.plusSeconds(42));
        CardBuilder.Card done = cards.build("sesn_1", turn, START.plusSeconds(60));
        assertThat(json(done.blocks()))
                .contains("*Done* · 42s")
                .contains("in 12.3k · out 1.2k tokens · ~$0.055 · 42s")
                .doesNotContain("session_stop");
    }

    @Test
    void aToolWaitingForConfirmationGetsApproveAndDenyButtonsThenShowsWhoAnswered() {
        Turn turn = new Turn("sevt_1", START);
        turn.apply(new AgentEvent.ToolUse("sevt_2", "agent.tool_use", "bash", Optional.empty(),
                "{\"command\":\"rm -rf build\"}", true, "{}"), START);
        turn.apply(status("sevt_3", SessionStatus.IDLE, new StopReason("requires_action", List.of("sevt_2"))), START);

        String waiting = json(cards.build("sesn_1", turn, START).blocks());
        assertThat(waiting).contains("*Needs approval*").contains("The agent wants to run `bash: rm -rf build`")
                .contains("\"action_id\":\"tool_approve\"").contains("\"action_id\":\"tool_deny\"")
                .contains("\"value\":\"sesn_1|sevt_2\"");
        assertThat(turn.live()).isTrue();

        turn.answered("sevt_2", "U42", true, Instant.parse("2026-11-26T12:03:00Z"));
        String answered = json(cards.build("sesn_1", turn, START).blocks());
        assertThat(answered).doesNotContain("tool_approve").contains("approved by <@U42> at 12:03 UTC");
    }

    @Test
    void errorsAreShortAndHumanAndBudgetStopsOfferARaise() {
        Turn turn = new Turn("sevt_1", START);
        turn.apply(new AgentEvent.SessionError("sevt_2", "overloaded_error", "Overloaded", false, "{}"), START);
        turn.apply(status("sevt_3", SessionStatus.IDLE, new StopReason("budget_reached", List.of())), START);

        String card = json(cards.build("sesn_1", turn, START).blocks());
        assertThat(card).contains("The model service had a problem: Overloaded.")
                .contains("*Stopped: budget reached*").contains("\"action_id\":\"budget_raise\"")
                .doesNotContain("Exception");
    }

    @Test
    void manyToolCallsCollapseSoTheCardStaysWithinSlackLimits() {
        Turn turn = new Turn("sevt_0", START);
        for (int i = 1; i <= 60; i++) {
            turn.apply(new AgentEvent.ToolUse("sevt_u" + i, "agent.tool_use", "read", Optional.empty(),
                    "{\"file_path\":\"src/File" + i + ".java\"}", false, "{}"), START);
            turn.apply(new AgentEvent.ToolResult("sevt_r" + i, "agent.tool_result", "sevt_u" + i,
                    "line\n".repeat(50), false, "{}"), START);
        }
        CardBuilder.Card card = cards.build("sesn_1", turn, START);

        assertThat(card.blocks().size()).isLessThanOrEqualTo(45);
        assertThat(json(card.blocks())).contains("… and 48 earlier tool calls").contains("read: src/File60.java");
    }

    @Test
    void aTurnStoppedByItsBudgetIsNoLongerLiveSoItsStreamAndLeaseAreGivenBack() {
        Turn turn = new Turn("sevt_1", START);
        turn.apply(status("sevt_1", SessionStatus.RUNNING, null), START);
        assertThat(turn.live()).isTrue();

        turn.apply(status("sevt_2", SessionStatus.IDLE, new StopReason("budget_reached", List.of())), START);

        assertThat(turn.live()).as("a budget_reached session waits for a raised budget and a new message").isFalse();
    }
}
