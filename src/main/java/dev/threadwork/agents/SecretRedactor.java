package dev.threadwork.agents;

import dev.threadwork.config.Secret;

/** Removes the API key from text this client did not write itself (SDK and server messages). */
final class SecretRedactor {

    private final Secret secret;

    SecretRedactor(Secret secret) {
        this.secret = secret;
    }

    String redact(String text) {
        if (text == null) {
            return "";
        }
        String value = secret.reveal();
        return value.isEmpty() ? text : text.replace(value, "****");
    }
}
