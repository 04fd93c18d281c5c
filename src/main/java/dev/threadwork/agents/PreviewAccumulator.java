package dev.threadwork.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Folds {@code event_start}/{@code event_delta} previews of {@code agent.message} into the text so
 * far. One per stream; used from the stream's thread only. Keeps a handful of messages at most
 * (previews are best effort; an abandoned one is simply forgotten).
 */
final class PreviewAccumulator {

    private static final int MAX_OPEN_MESSAGES = 8;

    private final Map<String, TreeMap<Integer, StringBuilder>> open = new LinkedHashMap<>(4, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TreeMap<Integer, StringBuilder>> eldest) {
            return size() > MAX_OPEN_MESSAGES;
        }
    };

    /** The preview after this start/delta event, if it concerns an {@code agent.message}. */
    Optional<AgentEvent.TextPreview> accept(JsonNode event) {
        String type = event.path("type").asText();
        if ("event_start".equals(type)) {
            JsonNode started = event.path("event");
            if (!"agent.message".equals(started.path("type").asText())) {
                return Optional.empty();
            }
            String key = started.path("id").asText();
            open.put(key, new TreeMap<>());
            return Optional.of(new AgentEvent.TextPreview(key, ""));
        }
        if ("event_delta".equals(type)) {
            String key = event.path("event_id").asText();
            TreeMap<Integer, StringBuilder> blocks = open.get(key);
            if (blocks == null) {
                return Optional.empty(); // not an agent.message preview, or its start was missed
            }
            JsonNode delta = event.path("delta");
            JsonNode content = delta.path("content");
            String piece = content.isTextual() ? content.asText() : content.path("text").asText("");
            blocks.computeIfAbsent(delta.path("index").asInt(0), i -> new StringBuilder()).append(piece);
            StringBuilder all = new StringBuilder();
            blocks.values().forEach(all::append);
            return Optional.of(new AgentEvent.TextPreview(key, all.toString()));
        }
        return Optional.empty();
    }

    /** The authoritative message arrived: its preview is done. */
    void completed(String eventId) {
        open.remove(eventId);
    }
}
