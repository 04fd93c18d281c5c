package dev.threadwork.slack;

import java.util.Optional;

/**
 * A button's value: the session id and, for tool confirmations and outputs, the event id —
 * never the thread, so a button keeps working wherever its message is shown.
 */
public record ButtonValue(String sessionId, Optional<String> eventId) {

    public static Optional<ButtonValue> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String[] parts = value.strip().split("\\|", 2);
        if (parts[0].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ButtonValue(parts[0], parts.length > 1 && !parts[1].isBlank()
                ? Optional.of(parts[1]) : Optional.empty()));
    }

    public String encode() {
        return sessionId + eventId.map(id -> "|" + id).orElse("");
    }
}
