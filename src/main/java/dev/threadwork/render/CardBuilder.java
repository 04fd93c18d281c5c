package dev.threadwork.render;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The one live activity card of a turn: status, tool calls with their results, an approval
 * request with its buttons, Stop/End while the turn runs, and the footer when it ends. Kept well
 * inside Slack's limits (blocks per message, characters per section).
 */
final class CardBuilder {

    static final int MAX_TOOL_LINES = 12;
    private static final int MAX_BUTTONS_FOR_OUTPUT = 5;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final CostEstimator costs;

    CardBuilder(CostEstimator costs) {
        this.costs = costs;
    }

    record Card(String text, List<LayoutBlock> blocks) {
    }

    Card build(String sessionId, Turn turn, Instant now) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String headline = ":" + turn.phase.emoji + ": *" + capitalised(turn.phase.label) + "* · "
                + duration(turn.elapsed(now)) + " · " + turn.tools.size() + (turn.tools.size() == 1 ? " tool call" : " tool calls")
                + (turn.inputTokens + turn.outputTokens > 0 ? " · " + tokens(turn.inputTokens + turn.outputTokens) + " tokens" : "");
        blocks.add(section(s -> s.text(markdownText(headline))));

        List<Turn.ToolCall> calls = new ArrayList<>(turn.tools.values());
        int hidden = Math.max(0, calls.size() - MAX_TOOL_LINES);
        StringBuilder lines = new StringBuilder();
        if (hidden > 0) {
            lines.append("_… and ").append(hidden).append(" earlier tool call").append(hidden == 1 ? "" : "s").append("_\n");
        }
        List<BlockElement> outputButtons = new ArrayList<>();
        for (Turn.ToolCall call : calls.subList(hidden, calls.size())) {
            String mark = call.ok == null ? "⏳" : call.ok ? "✓" : "✗";
            lines.append(mark).append(" `").append(escape(call.label.replace('`', '\''))).append('`');
            if (call.ok != null) {
                lines.append(" — ").append(escape(call.resultSummary));
            }
            if (call.answeredBy != null) {
                lines.append(" _(").append(call.allowed ? "approved" : "denied").append(" by <@").append(call.answeredBy)
                        .append("> at ").append(CLOCK.format(call.answeredAt)).append(" UTC)_");
            }
            lines.append('\n');
            if (call.outputTrimmed && outputButtons.size() < MAX_BUTTONS_FOR_OUTPUT) {
                String label = "Output: " + ToolLabels.oneLine(call.label, 30);
                outputButtons.add(button(b -> b.actionId("tool_output_" + call.id).text(plainText(label))
                        .value(sessionId + "|" + call.id)));
            }
        }
        if (!lines.isEmpty()) {
            String text = lines.toString().strip();
            blocks.add(section(s -> s.text(markdownText(text.length() <= 2_900 ? text : text.substring(text.length() - 2_900)))));
        }
        if (!outputButtons.isEmpty()) {
            blocks.add(actions(a -> a.blockId("outputs").elements(outputButtons)));
        }
        if (!turn.files.isEmpty()) {
            StringBuilder files = new StringBuilder(":paperclip: Files from the agent, posted in this thread:");
            turn.files.forEach(f -> files.append("\n• `").append(escape(f.replace('`', '\''))).append('`'));
            String text = files.toString();
            blocks.add(section(s -> s.text(markdownText(text.length() <= 2_900 ? text : text.substring(0, 2_900)))));
        }
        if (turn.errorMessage != null) {
            blocks.add(section(s -> s.text(markdownText(":warning: " + escape(turn.errorMessage)))));
        }
        for (String toolUseId : turn.pendingConfirmations) {
            Turn.ToolCall call = turn.tools.get(toolUseId);
            String what = call == null ? "a tool" : "`" + escape(call.label.replace('`', '\'')) + "`";
            String preview = call == null || call.inputPreview.isBlank() ? "" : "\n```" + escape(call.inputPreview.replace("```", "ˋˋˋ")) + "```";
            String ask = ":raised_hand: The agent wants to run " + what + preview;
            // Nobody approves what they could not read: a cut input is approved from a modal with all of it.
            boolean complete = call == null || call.inputComplete;
            String shown = (ask.length() <= 2_800 ? ask : ask.substring(0, 2_799) + "…")
                    + (complete ? "" : "\n_The input is longer than shown: review all of it before approving._");
            blocks.add(section(s -> s.text(markdownText(shown))));
            String value = sessionId + "|" + toolUseId;
            BlockElement approve = complete
                    ? button(b -> b.actionId("tool_approve").style("primary").text(plainText("Approve")).value(value))
                    : button(b -> b.actionId("tool_review").style("primary").text(plainText("Review and approve")).value(value));
            blocks.add(actions(a -> a.blockId("confirm_" + toolUseId).elements(List.of(approve,
                    button(b -> b.actionId("tool_deny").style("danger").text(plainText("Deny")).value(value))))));
        }
        if (turn.phase == Turn.Phase.BUDGET_REACHED) {
            blocks.add(section(s -> s.text(markdownText("The session reached its spend cap. An admin can raise it to let the agent go on."))));
            blocks.add(actions(a -> a.blockId("budget").elements(List.of(
                    button(b -> b.actionId("budget_raise").text(plainText("Raise budget")).value(sessionId))))));
        }
        if (!turn.phase.ended()) {
            blocks.add(actions(a -> a.blockId("control").elements(List.of(
                    button(b -> b.actionId("session_stop").text(plainText("Stop")).value(sessionId)),
                    button(b -> b.actionId("session_end").text(plainText("End session")).value(sessionId)
                            .confirm(com.slack.api.model.block.composition.BlockCompositions.confirmationDialog(c -> c
                                    .title(plainText("End this session?"))
                                    .text(plainText("The agent stops and the session is archived. The thread keeps its history."))
                                    .confirm(plainText("End session")).deny(plainText("Cancel")))))))));
        } else {
            blocks.add(context(c -> c.elements(List.of(markdownText(footer(turn, now))))));
        }
        return new Card(":" + turn.phase.emoji + ": " + capitalised(turn.phase.label) + " — " + turn.tools.size() + " tool calls",
                blocks);
    }

    /** "in 12.3k · out 1.2k tokens · $0.05 · 42s" */
    String footer(Turn turn, Instant now) {
        return "in " + tokens(turn.inputTokens) + " · out " + tokens(turn.outputTokens) + " tokens · "
                + costs.format(turn.listCost, turn.inputTokens, turn.outputTokens) + " · " + duration(turn.elapsed(now));
    }

    static String tokens(long count) {
        if (count < 1_000) {
            return Long.toString(count);
        }
        if (count < 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1fk", count / 1_000.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1fM", count / 1_000_000.0);
    }

    static String duration(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        return seconds < 60 ? seconds + "s" : seconds < 3_600 ? seconds / 60 + "m " + seconds % 60 + "s"
                : seconds / 3_600 + "h " + seconds % 3_600 / 60 + "m";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Slack needs &, < and > escaped in text it should not read as markup. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
