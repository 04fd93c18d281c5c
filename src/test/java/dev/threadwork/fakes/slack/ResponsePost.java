package dev.threadwork.fakes.slack;

import java.time.Instant;

/**
 * One JSON message the app POSTed to a {@link FakeSlack#responseUrl(String) response URL}.
 *
 * @param label           the label the URL was created with (e.g. "/ask" or "approve-button")
 * @param text            {@code text}, or null when absent
 * @param responseType    {@code response_type}; "ephemeral" when absent, as Slack treats it
 * @param replaceOriginal {@code replace_original} (false when absent)
 * @param deleteOriginal  {@code delete_original} (false when absent)
 * @param blocksJson      {@code blocks} as JSON array text, or null
 * @param rawJson         the request body as received
 * @param receivedAt      arrival time from the fake's clock
 */
public record ResponsePost(String label, String text, String responseType, boolean replaceOriginal,
                           boolean deleteOriginal, String blocksJson, String rawJson, Instant receivedAt) {

    public boolean ephemeral() {
        return "ephemeral".equals(responseType);
    }

    public boolean inChannel() {
        return "in_channel".equals(responseType);
    }
}
