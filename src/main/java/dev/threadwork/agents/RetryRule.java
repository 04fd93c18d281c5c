package dev.threadwork.agents;

/**
 * Which failures a call may retry.
 *
 * <p>{@link #NO_DUPLICATES} is for POSTs that create something (events, sessions): a retry could
 * make a second copy, so such a call is retried only when the server certainly did not process
 * the first attempt — the connection was refused or never made, or the server answered 429, 503
 * or 529 (rejected before processing). A timeout or a dropped connection after the request was
 * written, or any other 5xx, is surfaced to the caller instead: it may have been processed.
 */
enum RetryRule {
    /** Reads, updates to a fixed value, archive, delete: retry every transient failure. */
    IDEMPOTENT,
    /** Creates: retry only what provably was not processed. */
    NO_DUPLICATES;

    boolean allows(AgentsApiException failure) {
        return switch (this) {
            case IDEMPOTENT -> failure.transientFailure();
            case NO_DUPLICATES -> !failure.requestMayHaveBeenProcessed();
        };
    }
}
