package dev.threadwork.fakes.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/** A session's state in the fake: persisted events, open streams, the script's worker. */
final class FakeSession {

    private final ObjectMapper json;
    private final LongSupplier eventIds;
    private final FaultPlan faults;
    final String id;
    final ObjectNode resource;
    private final List<ObjectNode> events = new ArrayList<>();
    private final List<SseSubscriber> subscribers = new CopyOnWriteArrayList<>();
    final Map<String, CompletableFuture<JsonNode>> confirmations = new ConcurrentHashMap<>();
    private volatile AgentScript script;
    private ExecutorService worker;
    volatile boolean deleted;
    /** Idle at {@code budget_reached}: only settle events are accepted until the budget changes. */
    volatile boolean budgetPaused;

    FakeSession(String id, ObjectNode resource, AgentScript script, ObjectMapper json, LongSupplier eventIds,
                FaultPlan faults) {
        this.id = id;
        this.resource = resource;
        this.script = script;
        this.json = json;
        this.eventIds = eventIds;
        this.faults = faults;
    }

    void script(AgentScript newScript) {
        this.script = newScript;
    }

    /** Persists an event (assigning id and processed_at) and sends it to every open stream. */
    synchronized ObjectNode emit(ObjectNode event) {
        ObjectNode persisted = json.createObjectNode();
        persisted.put("id", event.hasNonNull("id") ? event.get("id").asText() : reserveEventId());
        persisted.setAll(event);
        if (!persisted.has("processed_at")) {
            persisted.put("processed_at", Instant.now().toString());
        }
        events.add(persisted);
        updateStatus(persisted);
        String frame = "event: " + persisted.path("type").asText() + "\ndata: " + persisted + "\n\n";
        for (SseSubscriber subscriber : subscribers) {
            subscriber.frames.add(frame);
            if (faults.duplicating()) {
                subscriber.frames.add(frame);
            }
        }
        return persisted;
    }

    /** A fresh event id, for an event announced by a preview before it is persisted. */
    String reserveEventId() {
        return "sevt_" + eventIds.getAsLong();
    }

    /** A stream-only preview (no id, not persisted) for connections that opted in. */
    synchronized void preview(ObjectNode preview) {
        String frame = "event: " + preview.path("type").asText() + "\ndata: " + preview + "\n\n";
        for (SseSubscriber subscriber : subscribers) {
            if (subscriber.previews) {
                subscriber.frames.add(frame);
            }
        }
    }

    private void updateStatus(ObjectNode event) {
        switch (event.path("type").asText()) {
            case "session.status_running" -> {
                resource.put("status", "running");
                budgetPaused = false;
            }
            case "session.status_idle" -> {
                resource.put("status", "idle");
                budgetPaused = "budget_reached".equals(event.path("stop_reason").path("type").asText());
            }
            case "session.status_rescheduled" -> resource.put("status", "rescheduling");
            case "session.status_terminated" -> resource.put("status", "terminated");
            default -> { }
        }
        resource.put("updated_at", Instant.now().toString());
    }

    synchronized String status() {
        return resource.path("status").asText();
    }

    synchronized List<ObjectNode> events() {
        return List.copyOf(events);
    }

    synchronized void subscribe(SseSubscriber subscriber) {
        subscribers.add(subscriber);
    }

    void unsubscribe(SseSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    int openStreams() {
        return subscribers.size();
    }

    /** Queues a user event for the script, in arrival order. */
    synchronized void dispatch(JsonNode userEvent, ScriptContext context) {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("fake-agent-" + id).factory());
        }
        AgentScript current = script;
        worker.execute(() -> {
            try {
                current.onUserEvent(context, userEvent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.getLogger(FakeSession.class.getName()).log(System.Logger.Level.WARNING, "script failed", e);
            }
        });
    }

    /** The session was deleted: end its streams and stop its worker. */
    synchronized void delete() {
        deleted = true;
        subscribers.forEach(SseSubscriber::end);
        subscribers.clear();
        confirmations.values().forEach(f -> f.cancel(true));
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
