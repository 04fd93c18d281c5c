package dev.threadwork.fakes.agents;

import java.time.Instant;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults the fake injects; all thread-safe, all one-shot or time-boxed, none on by default. */
public final class FaultPlan {

    /** An error answer for up to {@code remaining} requests matching "METHOD path" against a regex. */
    private record ErrorAnswer(String requestRegex, AtomicInteger remaining, int status,
                               Optional<Integer> retryAfterSeconds) {
    }

    private record ErrorWindow(String requestRegex, Instant until, int status) {
    }

    private final ConcurrentLinkedQueue<ErrorAnswer> answers = new ConcurrentLinkedQueue<>();
    private volatile ErrorWindow window;
    private final AtomicInteger streamsToCut = new AtomicInteger();
    private volatile int cutAfterEvents;
    private volatile boolean duplicating;
    private volatile boolean silentStreams;

    /**
     * The next {@code times} requests matching {@code requestRegex} (e.g. {@code "POST /v1/sessions/.+/events"})
     * get {@code status} with the API's error JSON (and {@code retry-after} when given) and are not processed.
     */
    public FaultPlan failNext(String requestRegex, int times, int status, Optional<Integer> retryAfterSeconds) {
        answers.add(new ErrorAnswer(requestRegex, new AtomicInteger(times), status, retryAfterSeconds));
        return this;
    }

    /** Every matching request gets {@code status} for the given period. */
    public FaultPlan failFor(String requestRegex, Duration period, int status) {
        window = new ErrorWindow(requestRegex, Instant.now().plus(period), status);
        return this;
    }

    /** The next {@code connections} stream connections are cut after sending {@code events} events each. */
    public FaultPlan cutStreamsAfter(int events, int connections) {
        cutAfterEvents = events;
        streamsToCut.set(connections);
        return this;
    }

    /** Every event is sent twice on every stream (the stream only; history stays right). */
    public FaultPlan duplicateEvents(boolean on) {
        duplicating = on;
        return this;
    }

    /** Streams send no heartbeats (to let a client's idle timeout fire). */
    public FaultPlan silentStreams(boolean on) {
        silentStreams = on;
        return this;
    }

    public void clear() {
        answers.clear();
        window = null;
        streamsToCut.set(0);
        duplicating = false;
        silentStreams = false;
    }

    /** The injected answer for this request, if any: status and retry-after. */
    Optional<int[]> errorFor(String method, String path) {
        String request = method + " " + path;
        for (ErrorAnswer answer : answers) {
            if (request.matches(answer.requestRegex())) {
                if (answer.remaining().getAndDecrement() > 0) {
                    return Optional.of(new int[] {answer.status(), answer.retryAfterSeconds().orElse(-1)});
                }
                answers.remove(answer);
            }
        }
        ErrorWindow current = window;
        if (current != null && Instant.now().isBefore(current.until()) && request.matches(current.requestRegex())) {
            return Optional.of(new int[] {current.status(), -1});
        }
        return Optional.empty();
    }

    /** For a new stream connection: after how many events to cut it (0 = never). */
    int cutForNewStream() {
        return streamsToCut.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? cutAfterEvents : 0;
    }

    boolean duplicating() {
        return duplicating;
    }

    boolean silentStreams() {
        return silentStreams;
    }
}
