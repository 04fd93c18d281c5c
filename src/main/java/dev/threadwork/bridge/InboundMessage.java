package dev.threadwork.bridge;

import java.time.Instant;
import java.util.Optional;

/**
 * A Slack message on its way to a session, as stored in the outbox.
 *
 * @param kind     {@link Kind#START} for the message that asked for a session, else {@link Kind#REPLY}
 * @param sentText the exact text sent to the API, kept so an uncertain send can be checked against the
 *                 session's history instead of being sent twice
 */
public record InboundMessage(
        long id,
        String dedupeKey,
        ThreadKey thread,
        String messageTs,
        String userId,
        Kind kind,
        String text,
        State state,
        int attempts,
        Instant nextAttemptAt,
        Optional<String> sentText,
        Instant receivedAt) {

    /** CONTROL rows only record that a keyword message was handled, so a redelivery is not handled twice. */
    public enum Kind { START, REPLY, CONTROL }

    /** PENDING → SENDING (a POST may be under way) → DELIVERED, or FAILED for good. */
    public enum State { PENDING, SENDING, DELIVERED, FAILED }
}
