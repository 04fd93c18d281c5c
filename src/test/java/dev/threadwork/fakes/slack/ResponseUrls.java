package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response_url side of slash commands, block actions and shortcuts: URLs handed out per label,
 * and the JSON messages posted to them. Thread-safe.
 */
final class ResponseUrls {

    static final String PATH = "/_response/";

    /** What a POST to a response URL gets back: Slack's webhook status and text body. */
    record Answer(int status, String body, Map<String, String> params) {

        boolean ok() {
            return status == 200;
        }
    }

    private final ObjectMapper json;
    private final Map<String, String> labelById = new HashMap<>();
    private final Map<String, List<ResponsePost>> postsByLabel = new LinkedHashMap<>();
    private long nextId;

    ResponseUrls(ObjectMapper json) {
        this.json = json;
    }

    /** A fresh id for {@code label}; every call gives a different URL, as Slack does per interaction. */
    synchronized String newId(String label) {
        if (label == null) {
            throw new IllegalArgumentException("label must not be null");
        }
        String id = "R" + String.format("%010d", ++nextId);
        labelById.put(id, label);
        return id;
    }

    synchronized List<ResponsePost> posts(String label) {
        return List.copyOf(postsByLabel.getOrDefault(label, List.of()));
    }

    /** Decodes, validates and records one POST; the answer mirrors Slack's webhook answers. */
    synchronized Answer receive(String id, String httpMethod, byte[] body, Instant receivedAt) {
        String label = labelById.get(id);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_url_id", id);
        if (label == null) {
            return new Answer(404, "no_service", params);
        }
        params.put("label", label);
        if (!"POST".equalsIgnoreCase(httpMethod)) {
            return new Answer(405, "invalid_method", params);
        }
        String raw = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = json.readTree(raw);
        } catch (Exception e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            return new Answer(400, "invalid_payload", params);
        }
        String text = node.hasNonNull("text") ? node.get("text").asText() : null;
        String blocks = node.hasNonNull("blocks") ? node.get("blocks").toString() : null;
        String responseType = node.hasNonNull("response_type") ? node.get("response_type").asText() : "ephemeral";
        boolean replace = node.path("replace_original").asBoolean(false);
        boolean delete = node.path("delete_original").asBoolean(false);
        putIfNotNull(params, "text", text);
        putIfNotNull(params, "blocks", blocks);
        putIfNotNull(params, "response_type", node.hasNonNull("response_type") ? responseType : null);
        putIfNotNull(params, "replace_original", node.has("replace_original") ? Boolean.toString(replace) : null);
        putIfNotNull(params, "delete_original", node.has("delete_original") ? Boolean.toString(delete) : null);
        if (!delete && (text == null || text.isEmpty()) && (blocks == null || !node.get("blocks").isArray()
                || node.get("blocks").isEmpty()) && !node.hasNonNull("attachments")) {
            return new Answer(400, "no_text", params);
        }
        postsByLabel.computeIfAbsent(label, k -> new ArrayList<>())
                .add(new ResponsePost(label, text, responseType, replace, delete, blocks, raw, receivedAt));
        return new Answer(200, "ok", params);
    }

    /** Forgets what was posted; the URLs handed out stay valid. */
    synchronized void clearPosts() {
        postsByLabel.clear();
    }

    private static void putIfNotNull(Map<String, String> params, String key, String value) {
        if (value != null) {
            params.put(key, value);
        }
    }
}
