package dev.threadwork.fakes.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What a {@link ScriptContext} acts on: one session of {@link FakeManagedAgents}. */
interface ScriptTarget {

    String id();

    /** Persists an event (keeping an id it already has) and sends it to the open streams. */
    ObjectNode emit(ObjectNode event);

    /** A stream-only preview frame, for connections that opted in. */
    void preview(ObjectNode frame);

    /** A fresh event id, for an event announced by a preview before it is persisted. */
    String reserveEventId();

    /** Tool uses waiting for a {@code user.tool_confirmation}, completed when it arrives. */
    Map<String, CompletableFuture<JsonNode>> confirmations();

    /** The session's budget, or null. */
    JsonNode budget();
}
