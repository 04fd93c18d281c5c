package dev.threadwork.web;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Slack's request signature: {@code v0=} + hex HMAC-SHA256 of {@code v0:timestamp:body}, with a
 * timestamp within five minutes of now <em>in either direction</em>. Bolt's own verifier (1.51)
 * accepts any timestamp in the future and compares with {@code String.equals}, which returns
 * early at the first differing character; this check refuses both and compares in constant time.
 */
final class SlackSignatureCheck {

    static final Duration WINDOW = Duration.ofMinutes(5);

    private final SlackSignature.Generator generator;

    SlackSignatureCheck(String signingSecret) {
        this.generator = new SlackSignature.Generator(signingSecret);
    }

    boolean valid(String timestamp, String body, String signature, long nowMillis) {
        if (timestamp == null || signature == null || body == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowMillis / 1000 - seconds) > WINDOW.toSeconds()) {
            return false;
        }
        String expected = generator.generate(timestamp, body);
        return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
