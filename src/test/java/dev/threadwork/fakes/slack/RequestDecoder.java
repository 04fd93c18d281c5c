package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes a Web API request the way Slack accepts it: query string, form body
 * (application/x-www-form-urlencoded, what the Java SDK sends) or JSON body; token from the
 * Authorization: Bearer header or the token field.
 */
final class RequestDecoder {

    private final ObjectMapper json;

    RequestDecoder(ObjectMapper json) {
        this.json = json;
    }

    SlackRequest decode(HttpExchange exchange, byte[] body, long seq, String method, Instant receivedAt) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(exchange.getRequestURI().getRawQuery(), params);
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("").toLowerCase();
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType.startsWith("application/json")) {
            JsonNode node = text.isBlank() ? json.createObjectNode() : json.readTree(text);
            // Nested values (blocks, view, prompts …) keep their JSON text, the same as in a form body.
            node.properties().forEach(f -> params.put(f.getKey(),
                    f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        } else if (!text.isEmpty()) {
            parseForm(text, params);
        }
        return new SlackRequest(seq, method, Map.copyOf(params), token(exchange, params), receivedAt);
    }

    private static Optional<String> token(HttpExchange exchange, Map<String, String> params) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        return Optional.ofNullable(params.get("token")).filter(t -> !t.isEmpty());
    }

    private static void parseForm(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(key, value);
        }
    }
}
