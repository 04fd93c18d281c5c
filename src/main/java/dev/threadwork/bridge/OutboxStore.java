package dev.threadwork.bridge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The inbound outbox (implemented in {@code store}): stored before the ack, delivered in order per thread. */
public interface OutboxStore {

    /** Stores a message unless one with the same key is already stored; returns whether it was new. */
    boolean insertIfNew(String dedupeKey, ThreadKey thread, String messageTs, String userId,
                        InboundMessage.Kind kind, String text);

    /** Records a keyword message as handled; returns false when it was handled before. */
    boolean claimControl(String dedupeKey, ThreadKey thread, String messageTs, String userId, String text);

    /** The oldest undelivered message of each thread whose turn has come, oldest first. */
    List<InboundMessage> dueHeads(Instant now, int limit);

    Optional<InboundMessage> find(long id);

    Optional<InboundMessage> findByDedupeKey(String dedupeKey);

    /** Records the exact text about to be sent: from here on a crash leaves the send uncertain. */
    void markSending(long id, String sentText);

    void markDelivered(long id);

    /** Puts a message back to wait and counts the failed attempt. */
    void retryLater(long id, Instant at, String error);

    void markFailed(long id, String error);

    /** Messages not yet delivered, across all threads. */
    int undeliveredCount();
}
