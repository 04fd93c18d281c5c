package dev.threadwork.fakes.slack;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One decoded Web API call: form or JSON fields flattened to strings (nested JSON kept as JSON text). */
record SlackRequest(long seq, String method, Map<String, String> params, Optional<String> token, Instant receivedAt) {

    String param(String name) {
        return params.get(name);
    }

    boolean has(String name) {
        String value = params.get(name);
        return value != null && !value.isEmpty();
    }

    String paramOr(String name, String fallback) {
        return has(name) ? params.get(name) : fallback;
    }
}
