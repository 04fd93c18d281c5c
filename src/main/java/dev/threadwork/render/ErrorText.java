package dev.threadwork.render;

import dev.threadwork.agents.AgentEvent;

/** Short human words for what went wrong; never a stack trace or raw JSON. */
final class ErrorText {

    private ErrorText() {
    }

    static String humane(AgentEvent.SessionError error) {
        String type = error.errorType() == null ? "" : error.errorType();
        String base = switch (type) {
            case "overloaded_error", "api_error" -> "The model service had a problem";
            case "rate_limit_error" -> "The agent hit a rate limit";
            case "billing_error" -> "The organisation's billing blocked the request";
            case "authentication_error", "permission_error" -> "The agent was not allowed to do that";
            case "invalid_request_error" -> "The request was not valid";
            default -> "The agent ran into an error";
        };
        String message = error.message() == null ? "" : error.message().strip();
        if (message.length() > 200 || message.contains("\n\tat ") || message.startsWith("{")) {
            message = "";
        }
        return base + (message.isEmpty() ? "" : ": " + message) + (error.retrying() ? " (retrying)" : "") + ".";
    }
}
