package dev.threadwork.agents;

import java.util.Optional;

/**
 * An answer of the Managed Agents API that was not a success, or no answer at all
 * ({@code status} 0). Carries the API's error type, message and request id; never the key.
 */
public final class AgentsApiException extends RuntimeException {

    private final int status;
    private final String errorType;
    private final String requestId;
    private final boolean requestSent;

    public AgentsApiException(int status, String errorType, String message, String requestId, boolean requestSent,
                              Throwable cause) {
        super(describe(status, errorType, message, requestId), cause);
        this.status = status;
        this.errorType = errorType;
        this.requestId = requestId;
        this.requestSent = requestSent;
    }

    private static String describe(int status, String errorType, String message, String requestId) {
        return (status == 0 ? "no answer" : "HTTP " + status) + (errorType == null ? "" : " " + errorType)
                + (message == null || message.isBlank() ? "" : ": " + message)
                + (requestId == null ? "" : " (request-id " + requestId + ")");
    }

    /** HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether trying again later may succeed (rate limits, overload, server errors, network trouble). */
    public boolean retryable() {
        return status == 0 || status == 408 || status == 409 && "conflict".equals(errorType) || status == 429 || status >= 500;
    }

    /**
     * Whether the request may have been processed: false when it was never sent or the API said
     * it was not (429, 503, 529), so repeating it cannot create a duplicate.
     */
    public boolean maybeProcessed() {
        if (!requestSent) {
            return false;
        }
        return !(status == 429 || status == 503 || status == 529 || status >= 400 && status < 500);
    }
}
