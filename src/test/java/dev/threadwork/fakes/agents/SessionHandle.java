package dev.threadwork.fakes.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** What a script can make the fake agent do in its session, event by event. */
public final class SessionHandle {

    /** Tool calls waiting for a confirmation, with what to do once answered (owned by the fake). */
    private final Map<String, Runnable> afterAllow;
    private final FakeManagedAgents.FakeSession session;
    private final ObjectMapper json;

    SessionHandle(FakeManagedAgents.FakeSession session, ObjectMapper json, Map<String, Runnable> afterAllow) {
        this.session = session;
        this.json = json;
        this.afterAllow = afterAllow;
    }

    public String sessionId() {
        return session.id;
    }

    public ObjectNode event(String type) {
        return json.createObjectNode().put("type", type);
    }

    public SessionHandle running() {
        session.emit(event("session.status_running"));
        return this;
    }

    /** An agent message, optionally preceded by live previews in {@code chunks}. */
    public SessionHandle text(String text, int chunks) {
        if (chunks > 1) {
            ObjectNode start = event("event_start");
            start.putObject("event").put("type", "agent.message").put("id", "preview_" + System.nanoTime());
            session.preview(start);
            int size = Math.max(1, text.length() / chunks);
            for (int i = 0; i < text.length(); i += size) {
                ObjectNode delta = event("event_delta");
                delta.put("event_id", start.path("event").path("id").asText());
                delta.putObject("delta").put("index", 0).putObject("content").put("type", "text")
                        .put("text", text.substring(i, Math.min(text.length(), i + size)));
                session.preview(delta);
            }
        }
        ObjectNode message = event("agent.message");
        message.putArray("content").addObject().put("type", "text").put("text", text);
        session.emit(message);
        return this;
    }

    public SessionHandle text(String text) {
        return text(text, 1);
    }

    /** A tool call and its result; returns the tool use's event id. */
    public String tool(String name, String inputJson, String output, boolean error) {
        String id = toolUse(name, inputJson, "allow");
        toolResult(id, output, error);
        return id;
    }

    public String toolUse(String name, String inputJson, String permission) {
        ObjectNode use = event("agent.tool_use").put("name", name).put("evaluated_permission", permission);
        use.set("input", parse(inputJson));
        return session.emit(use).path("id").asText();
    }

    public SessionHandle toolResult(String toolUseId, String output, boolean error) {
        ObjectNode result = event("agent.tool_result").put("tool_use_id", toolUseId).put("is_error", error);
        result.putArray("content").addObject().put("type", "text").put("text", output);
        session.emit(result);
        return this;
    }

    /**
     * A tool call that waits for {@code user.tool_confirmation}: the session goes idle with
     * {@code requires_action}; on allow, {@code onAllow} continues the turn.
     */
    public String askTool(String name, String inputJson, Runnable onAllow) {
        String id = toolUse(name, inputJson, "ask");
        afterAllow.put(id, onAllow);
        ObjectNode idle = event("session.status_idle");
        idle.putObject("stop_reason").put("type", "requires_action").putArray("event_ids").add(id);
        session.emit(idle);
        return id;
    }

    void confirmed(String toolUseId, boolean allowed, String denyMessage) {
        Runnable next = afterAllow.remove(toolUseId);
        running();
        if (allowed) {
            toolResult(toolUseId, "done", false);
            if (next != null) {
                next.run();
                return;
            }
        } else {
            toolResult(toolUseId, "Denied by the user" + (denyMessage.isBlank() ? "" : ": " + denyMessage), true);
        }
        text(allowed ? "Done." : "Understood, I won't do that.");
        usage(100, 20);
        idle("end_turn");
    }

    public SessionHandle usage(long input, long output) {
        ObjectNode end = event("span.model_request_end").put("is_error", false);
        end.putObject("model_usage").put("input_tokens", input).put("output_tokens", output)
                .put("cache_read_input_tokens", 0).put("cache_creation_input_tokens", 0);
        session.emit(end);
        return this;
    }

    public SessionHandle sessionUsage(long input, long output, String listCost) {
        ObjectNode usage = event("session.usage");
        ObjectNode figures = usage.putObject("usage").put("input_tokens", input).put("output_tokens", output);
        if (listCost != null) {
            figures.putObject("list_cost").put("amount", listCost).put("currency", "USD");
        }
        session.emit(usage);
        return this;
    }

    public SessionHandle idle(String stopReason) {
        ObjectNode idle = event("session.status_idle");
        idle.putObject("stop_reason").put("type", stopReason);
        if ("budget_reached".equals(stopReason)) {
            session.budgetReached = true;
        }
        session.emit(idle);
        return this;
    }

    public SessionHandle error(String type, String message, boolean retrying) {
        ObjectNode error = event("session.error");
        error.putObject("error").put("type", type).put("message", message)
                .putObject("retry_status").put("type", retrying ? "retrying" : "terminal");
        session.emit(error);
        return this;
    }

    public SessionHandle rescheduled() {
        session.emit(event("session.status_rescheduled"));
        return this;
    }

    public SessionHandle terminated() {
        session.emit(event("session.status_terminated"));
        return this;
    }

    /** An event of a type this code has never heard of. */
    public SessionHandle unknown(String type) {
        session.emit(event(type).put("novel_field", 42));
        return this;
    }

    private JsonNode parse(String inputJson) {
        try {
            return json.readTree(inputJson);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    /** Convenience for scripts: the ids of every event so far. */
    public List<String> eventIds() {
        return session.events().stream().map(e -> e.path("id").asText()).toList();
    }
}
