package dev.threadwork.render;

import dev.threadwork.agents.AgentEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent turn as the thread shows it: folded from the session's events in order, the same way
 * live and when rebuilt after a restart, so the card it produces is the same either way.
 */
final class Turn {

    /** Where the turn stands, as people read it. */
    enum Phase {
        WORKING("working", "hourglass_flowing_sand"),
        WAITING_FOR_APPROVAL("needs approval", "raised_hand"),
        RETRYING("retrying", "arrows_counterclockwise"),
        DONE("done", "white_check_mark"),
        STOPPED("stopped", "octagonal_sign"),
        BUDGET_REACHED("stopped: budget reached", "money_with_wings"),
        FAILED("failed", "x"),
        TERMINATED("terminated", "x");

        final String label;
        final String emoji;

        Phase(String label, String emoji) {
            this.label = label;
            this.emoji = emoji;
        }

        boolean ended() {
            return this == DONE || this == STOPPED || this == BUDGET_REACHED || this == FAILED || this == TERMINATED;
        }
    }

    /** A tool call and, once it came, its result. */
    static final class ToolCall {
        final String id;
        final String label;
        final boolean needsConfirmation;
        String inputPreview;
        /** The preview is the whole input: approving from the card shows the approver everything. */
        boolean inputComplete = true;
        Boolean ok;
        String resultSummary = "";
        boolean outputTrimmed;
        String answeredBy;
        Boolean allowed;
        Instant answeredAt;

        ToolCall(String id, String label, boolean needsConfirmation, String inputPreview) {
            this.id = id;
            this.label = label;
            this.needsConfirmation = needsConfirmation;
            this.inputPreview = inputPreview;
        }
    }

    final String firstEventId;
    final Instant startedAt;
    Instant endedAt;
    Phase phase = Phase.WORKING;
    final Map<String, ToolCall> tools = new LinkedHashMap<>();
    final List<String> pendingConfirmations = new ArrayList<>();
    /** Output files the agent wrote during the turn and that were posted in the thread ("name (size)"). */
    final List<String> files = new ArrayList<>();
    String errorMessage;
    long inputTokens;
    long outputTokens;
    Optional<BigDecimal> listCost = Optional.empty();
    boolean interrupted;

    Turn(String firstEventId, Instant startedAt) {
        this.firstEventId = firstEventId;
        this.startedAt = startedAt;
    }

    /** Folds one event in; returns whether what the card shows changed. */
    boolean apply(AgentEvent event, Instant now) {
        switch (event) {
            case AgentEvent.ToolUse use -> {
                tools.computeIfAbsent(use.id(), id -> {
                    ToolCall call = new ToolCall(id, ToolLabels.label(use), use.askForConfirmation(),
                            ToolLabels.inputPreview(use.inputJson()));
                    call.inputComplete = ToolLabels.inputFits(use.inputJson());
                    return call;
                });
                if (use.askForConfirmation()) {
                    pendingConfirmations.add(use.id());
                }
            }
            case AgentEvent.ToolResult result -> {
                ToolCall call = tools.get(result.toolUseId());
                if (call == null) {
                    return false;
                }
                call.ok = !result.error();
                call.resultSummary = ToolLabels.resultSummary(result.text(), result.error());
                call.outputTrimmed = ToolLabels.trimmed(result.text());
                pendingConfirmations.remove(call.id);
            }
            case AgentEvent.StatusChange status -> {
                return applyStatus(status, now);
            }
            case AgentEvent.ModelRequestEnd end -> {
                inputTokens += end.inputTokens() + end.cacheReadTokens() + end.cacheCreationTokens();
                outputTokens += end.outputTokens();
            }
            case AgentEvent.Usage usage -> listCost = usage.listCost().or(() -> listCost);
            case AgentEvent.SessionError error -> {
                errorMessage = ErrorText.humane(error);
                if (error.retrying()) {
                    phase = Phase.RETRYING;
                }
            }
            case AgentEvent.UserEcho echo -> {
                if ("user.interrupt".equals(echo.type())) {
                    interrupted = true;
                } else if ("user.tool_confirmation".equals(echo.type())) {
                    ToolLabels.confirmedToolUse(echo.rawJson()).ifPresent(pendingConfirmations::remove);
                } else {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean applyStatus(AgentEvent.StatusChange status, Instant now) {
        switch (status.status()) {
            case RUNNING -> {
                phase = Phase.WORKING;
                errorMessage = null;
            }
            case RESCHEDULING -> phase = Phase.RETRYING;
            case TERMINATED -> {
                phase = errorMessage != null ? Phase.FAILED : Phase.TERMINATED;
                endedAt = now;
            }
            case IDLE -> {
                AgentEvent.StopReason reason = status.stopReason().orElse(new AgentEvent.StopReason("end_turn", List.of()));
                if (reason.requiresAction()) {
                    phase = Phase.WAITING_FOR_APPROVAL;
                    reason.eventIds().stream().filter(id -> !pendingConfirmations.contains(id))
                            .forEach(pendingConfirmations::add);
                } else if (reason.budgetReached()) {
                    phase = Phase.BUDGET_REACHED;
                    endedAt = now;
                } else {
                    phase = interrupted ? Phase.STOPPED : errorMessage != null ? Phase.FAILED : Phase.DONE;
                    endedAt = now;
                    pendingConfirmations.clear();
                }
            }
        }
        return true;
    }

    void answered(String toolUseId, String userId, boolean allowed, Instant at) {
        ToolCall call = tools.get(toolUseId);
        if (call != null) {
            call.answeredBy = userId;
            call.allowed = allowed;
            call.answeredAt = at;
        }
        pendingConfirmations.remove(toolUseId);
    }

    Duration elapsed(Instant now) {
        return Duration.between(startedAt, endedAt != null ? endedAt : now);
    }

    /** Whether the session should keep its stream: it is working, or someone has to act. */
    boolean live() {
        // budget_reached is not live: only a raised budget plus a new message continues it, and that message re-attaches.
        return !phase.ended();
    }
}
