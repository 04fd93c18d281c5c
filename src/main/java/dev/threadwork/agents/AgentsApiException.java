package dev.threadwork.agents;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed Managed Agents call. The message is built from the status, the API's error type and
 * message and the request id; it never contains the API key (the client redacts it from any text
 * it did not write itself).
 *
 * @see #status() 0 for a network failure (no HTTP answer)
 */
public final class AgentsApiException extends RuntimeException {

    /** Error type used when there was no HTTP answer. */
    public static final String NETWORK_ERROR = "network_error";

    private final int status;
    private final String errorType;
    private final String apiMessage;
    private final Optional<String> requestId;
    private final Optional<Duration> retryAfter;
    private final boolean requestMayHaveBeenProcessed;

    public AgentsApiException(int status, String errorType, String apiMessage, Optional<String> requestId,
                              Optional<Duration> retryAfter, boolean requestMayHaveBeenProcessed, Throwable cause) {
        super(describe(status, errorType, apiMessage, requestId), cause);
        this.status = status;
        this.errorType = errorType;
        this.apiMessage = apiMessage;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
        this.requestMayHaveBeenProcessed = requestMayHaveBeenProcessed;
    }

    private static String describe(int status, String type, String message, Optional<String> requestId) {
        String head = status == 0 ? type : "HTTP " + status + " " + type;
        return head + ": " + message + requestId.map(id -> " (request-id " + id + ")").orElse("");
    }

    public int status() {
        return status;
    }

    /** The API's {@code error.type} ({@code rate_limit_error}, …) or {@link #NETWORK_ERROR}. */
    public String errorType() {
        return errorType;
    }

    public String apiMessage() {
        return apiMessage;
    }

    public Optional<String> requestId() {
        return requestId;
    }

    /** The server's {@code retry-after}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /**
     * False only when the server certainly did not act on the request: the connection was never
     * made, or the answer was 429/503/529 (rejected before processing). Decides whether a
     * non-idempotent POST may be retried.
     */
    public boolean requestMayHaveBeenProcessed() {
        return requestMayHaveBeenProcessed;
    }

    public boolean notFound() {
        return status == 404;
    }

    /** Worth retrying at all (for idempotent calls): network failures, 408, 409, 429, 5xx, 529. */
    public boolean transientFailure() {
        return status == 0 || status == 408 || status == 409 || status == 429 || status >= 500;
    }
}
