package dev.threadwork.fakes.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * What a script can make the fake agent do; payload shapes follow the SDK's
 * {@code BetaManagedAgents…Event} models. Each method persists one event (ids {@code sevt_<n>}) and
 * pushes it to the open streams, except previews, which are stream-only.
 */
public final class ScriptContext {

    private final ScriptTarget session;
    private final ObjectMapper json;

    ScriptContext(ScriptTarget session, ObjectMapper json) {
        this.session = session;
        this.json = json;
    }

    public String sessionId() {
        return session.id();
    }

    /** Emits any event; {@code type} is required. Returns the persisted event (with its id). */
    public ObjectNode emit(ObjectNode event) {
        return session.emit(event);
    }

    public ObjectNode emit(String rawJsonWithoutId) {
        try {
            return session.emit((ObjectNode) json.readTree(rawJsonWithoutId));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public void running() {
        session.emit(type("session.status_running"));
    }

    public void idle(String stopReason) {
        ObjectNode event = type("session.status_idle");
        event.putObject("stop_reason").put("type", stopReason);
        session.emit(event);
    }

    public void idleRequiresAction(String... eventIds) {
        ObjectNode event = type("session.status_idle");
        ObjectNode reason = event.putObject("stop_reason").put("type", "requires_action");
        for (String id : eventIds) {
            reason.withArray("event_ids").add(id);
        }
        session.emit(event);
    }

    public void rescheduled() {
        session.emit(type("session.status_rescheduled"));
    }

    public void terminated() {
        session.emit(type("session.status_terminated"));
    }

    public String modelRequestStart() {
        return session.emit(type("span.model_request_start")).path("id").asText();
    }

    public void modelRequestEnd(String startId, long inputTokens, long outputTokens) {
        ObjectNode event = type("span.model_request_end");
        event.put("model_request_start_id", startId);
        event.put("is_error", false);
        ObjectNode usage = event.putObject("model_usage");
        usage.put("input_tokens", inputTokens).put("output_tokens", outputTokens)
                .put("cache_read_input_tokens", 0).put("cache_creation_input_tokens", 0);
        session.emit(event);
    }

    /** Cumulative usage; {@code listCostCents} is whole cents as a string, like the API's monetary amounts. */
    public void usage(long inputTokens, long outputTokens, String listCostCents) {
        ObjectNode event = type("session.usage");
        ObjectNode usage = event.putObject("usage");
        usage.put("input_tokens", inputTokens).put("output_tokens", outputTokens).put("cache_read_input_tokens", 0);
        usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", 0).put("ephemeral_1h_input_tokens", 0);
        usage.putObject("list_cost").put("amount", listCostCents).put("currency", "USD");
        usage.put("active_seconds", 1);
        JsonNode budget = session.budget();
        if (budget != null && !budget.isNull()) {
            event.set("budget", budget);
        }
        session.emit(event);
    }

    /**
     * An {@code agent.message}; with {@code previewChunks > 0}, connections that opted in first get
     * {@code event_start} and that many {@code event_delta} previews of it.
     */
    public String agentMessage(String text, int previewChunks) {
        String id = session.reserveEventId(); // event_start announces the id the final event carries
        if (previewChunks > 0) {
            ObjectNode start = json.createObjectNode().put("type", "event_start");
            start.putObject("event").put("type", "agent.message").put("id", id);
            session.preview(start);
            int size = Math.max(1, (text.length() + previewChunks - 1) / previewChunks);
            for (int i = 0; i < text.length(); i += size) {
                ObjectNode delta = json.createObjectNode().put("type", "event_delta").put("event_id", id);
                ObjectNode d = delta.putObject("delta").put("type", "content_delta").put("index", 0);
                d.putObject("content").put("type", "text").put("text", text.substring(i, Math.min(text.length(), i + size)));
                session.preview(delta);
            }
        }
        ObjectNode event = json.createObjectNode().put("id", id).put("type", "agent.message");
        event.putArray("content").addObject().put("type", "text").put("text", text);
        return session.emit(event).path("id").asText();
    }

    /** An {@code agent.tool_use}; {@code ask} sets {@code evaluated_permission: ask}. Returns its id. */
    public String toolUse(String name, String inputJson, boolean ask) {
        ObjectNode event = type("agent.tool_use");
        event.put("name", name);
        try {
            event.set("input", json.readTree(inputJson));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        event.put("evaluated_permission", ask ? "ask" : "allow");
        String id = session.emit(event).path("id").asText();
        if (ask) {
            session.confirmations().putIfAbsent(id, new CompletableFuture<>());
        }
        return id;
    }

    public void toolResult(String toolUseId, String text, boolean isError) {
        ObjectNode event = type("agent.tool_result");
        event.put("tool_use_id", toolUseId);
        event.putArray("content").addObject().put("type", "text").put("text", text);
        event.put("is_error", isError);
        session.emit(event);
    }

    public void error(String errorType, String message, boolean retrying) {
        ObjectNode event = type("session.error");
        ObjectNode error = event.putObject("error").put("type", errorType).put("message", message);
        error.putObject("retry_status").put("type", retrying ? "retrying" : "terminal");
        session.emit(event);
    }

    /** Blocks the script until the {@code user.tool_confirmation} for this tool use arrives; returns it. */
    public JsonNode awaitConfirmation(String toolUseId) throws InterruptedException {
        try {
            return session.confirmations().computeIfAbsent(toolUseId, k -> new CompletableFuture<>()).get();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            throw new InterruptedException("session deleted");
        }
    }

    private ObjectNode type(String type) {
        return json.createObjectNode().put("type", type);
    }

    /** The text blocks of a user event. */
    public static String textOf(JsonNode userEvent) {
        StringBuilder text = new StringBuilder();
        userEvent.path("content").forEach(block -> text.append(block.path("text").asText("")));
        return text.toString();
    }
}
