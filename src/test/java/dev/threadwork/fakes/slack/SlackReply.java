package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** What the fake answers: HTTP status, extra headers and the JSON body. */
record SlackReply(int status, Map<String, String> headers, ObjectNode body, String producedTs) {

    static ObjectNode okBody() {
        return JsonNodeFactory.instance.objectNode().put("ok", true);
    }

    static SlackReply ok(ObjectNode body) {
        return new SlackReply(200, Map.of(), body, null);
    }

    /** A call that created a message; the ts goes to the ledger. */
    static SlackReply created(ObjectNode body, String ts) {
        return new SlackReply(200, Map.of(), body, ts);
    }

    /** Slack reports method-level errors with HTTP 200 and ok=false. */
    static SlackReply error(String error) {
        return ok(JsonNodeFactory.instance.objectNode().put("ok", false).put("error", error));
    }

    static SlackReply rateLimited(long retryAfterSeconds) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("ok", false).put("error", "ratelimited");
        return new SlackReply(429, Map.of("Retry-After", Long.toString(retryAfterSeconds)), body, null);
    }

    boolean ok() {
        return body.path("ok").asBoolean(false);
    }

    String error() {
        return body.hasNonNull("error") ? body.get("error").asText() : null;
    }
}
