package dev.threadwork.bridge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one record of every effect outside the process (session create, event send, Slack post,
 * upload, reaction…). An <em>intent</em> is committed under a deterministic key before the call, the
 * <em>result</em> after it. An effect found as {@link State#INTENT} or {@link State#UNKNOWN} may have
 * happened: whoever finds it resolves it by looking (Slack by metadata key, sessions by their
 * metadata, event sends by the marker in the history), never by repeating the call blindly.
 * Implemented in {@code store}.
 */
public interface EffectJournal {

    /** INTENT: committed before the call. DONE: the result is known. UNKNOWN: an ambiguous failure. */
    enum State { INTENT, DONE, UNKNOWN }

    /** What the effect is, for resolvers and for the README's table (free text, short). */
    final class Kinds {
        public static final String SESSION_CREATE = "session.create";
        public static final String EVENT_SEND = "event.send";
        public static final String SLACK_POST = "slack.post";
        public static final String SLACK_UPLOAD = "slack.upload";
        public static final String CONTROL = "control";

        private Kinds() {
        }
    }

    /**
     * One effect.
     *
     * @param key       deterministic from what caused the effect (outbox row id, event id, part number)
     * @param thread    the Slack thread the effect belongs to, if any
     * @param sessionId the agent session it concerns, if known
     * @param result    what the effect produced (Slack ts, session id, event ids, file id) once DONE;
     *                  the last error while UNKNOWN
     * @param epoch     the lease epoch of the writer that recorded the intent (0 when none applies)
     * @param attempts  how many times the intent was begun (a restart that resumes it counts one more)
     */
    record Effect(String key, String kind, Optional<ThreadKey> thread, Optional<String> sessionId, State state,
                  Optional<String> result, long epoch, int attempts, Instant updatedAt) {

        public boolean done() {
            return state == State.DONE;
        }

        /** The call may or may not have happened: look before doing anything. */
        public boolean uncertain() {
            return state != State.DONE;
        }
    }

    /**
     * Records the intent to make an effect, unless the key is known already. Returns the effect as it
     * now stands: a fresh INTENT with {@code attempts == 1} when the key is new; otherwise the
     * existing record (DONE with its result, or INTENT/UNKNOWN with its attempts counted up by one),
     * which the caller must resolve by looking before it repeats anything.
     */
    Effect begin(String key, String kind, Optional<ThreadKey> thread, Optional<String> sessionId, long epoch);

    /** Records the result: the effect happened. Idempotent; a DONE effect stays DONE. */
    void done(String key, String result);

    /** Records an ambiguous failure (timeout, reset, 5xx): the call may have happened. */
    void unknown(String key, String error);

    /** Forgets an intent that certainly did not happen (the call was refused before it ran), so it may start over. */
    void abandon(String key);

    Optional<Effect> find(String key);

    /**
     * Makes an agents-API effect whose intent is already begun and records how it ended: DONE with
     * {@code result} of what the call returned; UNKNOWN on an ambiguous failure (the next attempt
     * looks before it repeats); forgotten on a refusal (nothing happened).
     */
    default <T> T call(String key, java.util.function.Supplier<T> effect, java.util.function.Function<? super T, String> result) {
        T value;
        try {
            value = effect.get();
        } catch (SessionGateway.Unavailable e) {
            unknown(key, e.getMessage());
            throw e;
        } catch (SessionGateway.Rejected e) {
            abandon(key);
            throw e;
        }
        done(key, result.apply(value));
        return value;
    }

    /** Effects left INTENT or UNKNOWN and not touched since {@code before}, oldest first, for resolvers. */
    List<Effect> pending(Instant before, int limit);
}
