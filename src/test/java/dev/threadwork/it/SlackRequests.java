package dev.threadwork.it;

import com.slack.api.app_backend.SlackSignature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds Slack's inbound requests the way Slack sends them, signed with the configured secret. */
public final class SlackRequests {

    private final SlackSignature.Generator signer;

    public SlackRequests(String signingSecret) {
        this.signer = new SlackSignature.Generator(signingSecret);
    }

    /** Headers for a correctly signed request with the current time. */
    public Map<String, String> signedHeaders(String body, String contentType) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return signedHeaders(body, contentType, timestamp);
    }

    public Map<String, String> signedHeaders(String body, String contentType, String timestamp) {
        return Map.of(
                "Content-Type", contentType,
                "X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", signer.generate(timestamp, body));
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
