package dev.threadwork.config;

import java.util.Objects;

/**
 * A configured credential. Its {@code toString()} never shows the value, so a secret that ends up
 * in a log line, an exception message or a Slack message by accident shows as {@code ****}.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The raw value, for the one place that must send it (an HTTP header, an HMAC key). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
