package dev.threadwork.fakes.agents;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the fake agent does when a user event reaches it. Runs on the session's own worker thread,
 * one user event at a time, in order (like the real queue); it may block, e.g. in
 * {@link ScriptContext#awaitConfirmation}.
 */
@FunctionalInterface
public interface AgentScript {

    /** Called for each {@code user.message} and {@code user.interrupt} (confirmations go to waiting scripts). */
    void onUserEvent(ScriptContext session, JsonNode userEvent) throws InterruptedException;

    /** The default: echo each message as one turn with usage figures; an interrupt just idles. */
    static AgentScript echo() {
        return (session, event) -> {
            if (!"user.message".equals(event.path("type").asText())) {
                session.idle("end_turn");
                return;
            }
            session.running();
            String start = session.modelRequestStart();
            session.agentMessage("Echo: " + ScriptContext.textOf(event), 3);
            session.modelRequestEnd(start, 100, 20);
            session.usage(100, 20, "1");
            session.idle("end_turn");
        };
    }

    /**
     * A turn with a tool call under {@code always_ask}: the session idles with {@code requires_action}
     * until a {@code user.tool_confirmation} arrives, then runs the tool (or not) and ends the turn.
     */
    static AgentScript toolNeedingConfirmation(String toolName, String inputJson) {
        return (session, event) -> {
            if (!"user.message".equals(event.path("type").asText())) {
                session.idle("end_turn");
                return;
            }
            session.running();
            String toolUseId = session.toolUse(toolName, inputJson, true);
            session.idleRequiresAction(toolUseId);
            JsonNode confirmation = session.awaitConfirmation(toolUseId);
            session.running();
            boolean allowed = "allow".equals(confirmation.path("result").asText());
            session.toolResult(toolUseId, allowed ? "ran " + toolName : "denied: "
                    + confirmation.path("deny_message").asText("no reason"), !allowed);
            session.agentMessage(allowed ? "Done." : "Not done.", 1);
            session.idle("end_turn");
        };
    }

    /** A turn that hits the session's budget: partial work, usage, then idle with {@code budget_reached}. */
    static AgentScript reachesBudget() {
        return (session, event) -> {
            if (!"user.message".equals(event.path("type").asText())) {
                session.idle("end_turn");
                return;
            }
            session.running();
            String start = session.modelRequestStart();
            session.agentMessage("Partial answer", 0);
            session.modelRequestEnd(start, 1000, 200);
            session.usage(1000, 200, "250");
            session.idle("budget_reached");
        };
    }

    /** A turn the platform reschedules after a transient error, then fails for good. */
    static AgentScript failsAndTerminates(String errorType, String message) {
        return (session, event) -> {
            session.running();
            session.error(errorType, message, true);
            session.rescheduled();
            session.error(errorType, message, false);
            session.terminated();
        };
    }
}
