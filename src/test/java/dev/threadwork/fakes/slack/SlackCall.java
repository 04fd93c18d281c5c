package dev.threadwork.fakes.slack;

import java.time.Instant;
import java.util.Map;

/**
 * A ledger entry: one Web API call as the fake received and answered it.
 *
 * @param seq         arrival order (0, 1, 2 …)
 * @param method      e.g. "chat.postMessage"
 * @param params      decoded request fields (channel, ts, thread_ts, text, blocks JSON, markdown_text, name …)
 * @param receivedAt  arrival time from the fake's clock
 * @param httpStatus  200, or 429 when rate limited
 * @param error       Slack error code, null when ok
 * @param producedTs  ts of the message the call created (postMessage, startStream …), else null
 */
public record SlackCall(long seq, String method, Map<String, String> params, Instant receivedAt,
                        int httpStatus, String error, String producedTs) {

    public boolean ok() {
        return httpStatus == 200 && error == null;
    }

    public boolean rateLimited() {
        return httpStatus == 429;
    }

    public String param(String name) {
        return params.get(name);
    }

    public String channel() {
        return params.containsKey("channel") ? params.get("channel") : params.get("channel_id");
    }

    public String ts() {
        return params.containsKey("ts") ? params.get("ts") : params.get("timestamp");
    }

    public String threadTs() {
        return params.get("thread_ts");
    }

    public String text() {
        return params.get("text");
    }

    public String blocks() {
        return params.get("blocks");
    }

    public String markdownText() {
        return params.get("markdown_text");
    }
}
