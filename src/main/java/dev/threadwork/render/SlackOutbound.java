package dev.threadwork.render;

import com.slack.api.methods.AsyncMethodsClient;
import com.slack.api.methods.MethodsCompletionException;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one paced way out to Slack. Each channel is a lane whose calls run strictly in order (so a
 * thread's messages keep their order); lanes run side by side. Pacing per method tier and per
 * channel is the Slack SDK's asynchronous client's; on top of it this queue coalesces updates of
 * the same message, waits out a 429's {@code Retry-After} before trying the same call again, and
 * retries network failures with backoff. Nothing is dropped except updates superseded by newer ones.
 */
public final class SlackOutbound implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SlackOutbound.class.getName());
    private static final Set<String> DONE_ERRORS = Set.of("already_reacted", "no_reaction");
    /** Slack's own transient errors, answered with ok=false: retried like a network failure. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "ratelimited");

    /**
     * Slack could not be reached and the queue is stopping: the call may or may not have happened.
     * The caller must not record it as done; the journal's intent is resolved by looking after a restart.
     */
    public static final class SlackUnavailable extends RuntimeException {
        public SlackUnavailable(String message) {
            super(message);
        }
    }

    /** A call failed for good (Slack said no); the error is Slack's code, e.g. {@code channel_not_found}. */
    public static final class SlackCallFailed extends RuntimeException {
        private final String error;

        public SlackCallFailed(String method, String error) {
            super(method + " failed: " + error);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }

    private record Queued(SlackCall call, CompletableFuture<Optional<String>> result) {
    }

    private final AsyncMethodsClient slack;
    private final ThreadSearch search;
    private final Duration maxBackoff;
    private final ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Deque<Queued>> queues = new HashMap<>();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private volatile boolean closed;

    public SlackOutbound(AsyncMethodsClient slack) {
        this(slack, (channel, threadTs, key) -> Optional.empty(), Duration.ofSeconds(30));
    }

    /**
     * @param search     finds a keyed post in its thread: a post retried after an ambiguous failure is looked
     *                   for first, since Slack may have executed it before the answer was lost
     * @param maxBackoff the longest wait between retries while Slack is unreachable (retried until it is back
     *                   or the queue stops: an outage only delays)
     */
    public SlackOutbound(AsyncMethodsClient slack, ThreadSearch search, Duration maxBackoff) {
        this.slack = slack;
        this.search = search;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Queues a call. The future completes with the message ts a post produced (empty for other
     * calls) once Slack accepted it, or exceptionally with {@link SlackCallFailed}.
     */
    public CompletableFuture<Optional<String>> submit(SlackCall call) {
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        boolean startLane;
        synchronized (queues) {
            if (closed) {
                result.completeExceptionally(new IllegalStateException("outbound queue closed"));
                return result;
            }
            Deque<Queued> lane = queues.get(call.channel());
            startLane = lane == null;
            if (startLane) {
                lane = new ArrayDeque<>();
                queues.put(call.channel(), lane);
            }
            if (call instanceof SlackCall.Update update) {
                coalesce(lane, update, result);
            }
            lane.addLast(new Queued(call, result));
        }
        if (startLane) {
            lanes.execute(() -> drain(call.channel()));
        }
        return result;
    }

    /** A queued update of the same message is superseded: its caller sees the newer one's outcome. */
    private static void coalesce(Deque<Queued> lane, SlackCall.Update update, CompletableFuture<Optional<String>> newer) {
        Iterator<Queued> queued = lane.iterator();
        while (queued.hasNext()) {
            Queued older = queued.next();
            if (older.call() instanceof SlackCall.Update previous && previous.ts().equals(update.ts())) {
                queued.remove();
                newer.whenComplete((value, error) -> {
                    if (error != null) {
                        older.result().completeExceptionally(error);
                    } else {
                        older.result().complete(value);
                    }
                });
            }
        }
    }

    private void drain(String channel) {
        while (true) {
            Queued next;
            synchronized (queues) {
                Deque<Queued> lane = queues.get(channel);
                next = lane.pollFirst();
                if (next == null) {
                    queues.remove(channel);
                    return;
                }
            }
            try {
                next.result().complete(execute(next.call()));
            } catch (SlackCallFailed | SlackUnavailable e) {
                next.result().completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next.result().completeExceptionally(new SlackUnavailable("stopping"));
                failQueued(channel);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Slack call failed unexpectedly", e);
                next.result().completeExceptionally(e);
            }
        }
    }

    /**
     * Makes the call, waiting out rate limits and retrying failures that leave Slack's answer unknown
     * (network errors, 5xx, Slack's transient errors) until Slack is back or the queue stops. A keyed
     * post is looked for in its thread before each retry: Slack may have posted it and lost the answer.
     */
    private Optional<String> execute(SlackCall call) throws InterruptedException {
        int networkFailures = 0;
        while (true) {
            if (closed) {
                throw new SlackUnavailable(SlackCalls.method(call) + " not made: stopping");
            }
            if (networkFailures > 0 && call instanceof SlackCall.Post post && post.dedupeKey().isPresent()) {
                Optional<String> found;
                try {
                    found = search.findPosted(post.channel(), post.threadTs(), post.dedupeKey().get());
                } catch (RuntimeException e) {
                    // Cannot look yet (Slack still down): posting blind could post twice, so wait and look again.
                    networkFailures++;
                    TimeUnit.MILLISECONDS.sleep(backoff(networkFailures));
                    continue;
                }
                if (found.isPresent()) {
                    LOG.info(() -> "chat.postMessage had gone through before its answer was lost; not posting again");
                    return found;
                }
            }
            try {
                calls.incrementAndGet();
                return SlackCalls.invoke(slack, call).get();
            } catch (ExecutionException e) {
                Throwable cause = rootOf(e);
                if (cause instanceof SlackApiException api && api.getResponse().code() == 429) {
                    rateLimited.incrementAndGet();
                    Duration wait = retryAfter(api);
                    LOG.info(() -> "Slack rate limited " + SlackCalls.method(call) + "; waiting " + wait.toMillis() + " ms");
                    TimeUnit.MILLISECONDS.sleep(wait.toMillis()); // Slack said exactly how long
                    continue;
                }
                if (cause instanceof SlackCallFailed failed && DONE_ERRORS.contains(failed.error())) {
                    return Optional.empty();
                }
                if (cause instanceof SlackCallFailed failed && !TRANSIENT_ERRORS.contains(failed.error())) {
                    throw failed; // Slack said no for good (channel_not_found, msg_too_long…)
                }
                if (cause instanceof SlackApiException api && api.getResponse().code() < 500) {
                    throw new SlackCallFailed(SlackCalls.method(call), "HTTP " + api.getResponse().code());
                }
                if (!(cause instanceof SlackCallFailed || cause instanceof IOException || cause instanceof SlackApiException)) {
                    throw new SlackCallFailed(SlackCalls.method(call), String.valueOf(cause));
                }
                networkFailures++;
                long backoff = backoff(networkFailures);
                int failures = networkFailures;
                LOG.info(() -> SlackCalls.method(call) + " failed (" + cause.getClass().getSimpleName() + ", " + failures
                        + " in a row); retrying in " + backoff + " ms");
                TimeUnit.MILLISECONDS.sleep(backoff);
            }
        }
    }

    /**
     * What actually failed: the async client wraps it in a {@link CompletionException} and, for HTTP
     * failures, in a {@link MethodsCompletionException} holding the IOException or SlackApiException.
     */
    static Throwable rootOf(ExecutionException e) {
        Throwable cause = e.getCause();
        for (int i = 0; i < 4 && cause != null; i++) {
            if (cause instanceof CompletionException ce && ce.getCause() != null) {
                cause = ce.getCause();
            } else if (cause instanceof MethodsCompletionException mce) {
                Throwable inner = mce.getIoException() != null ? mce.getIoException()
                        : mce.getSlackApiException() != null ? mce.getSlackApiException() : mce.getOtherException();
                if (inner == null) {
                    return cause;
                }
                cause = inner;
            } else {
                return cause;
            }
        }
        return cause;
    }

    private long backoff(int failures) {
        return Math.min(maxBackoff.toMillis(), 250L << Math.min(failures, 16));
    }

    /** Fails every call still queued in the lane (the queue is stopping): callers see it, none waits forever. */
    private void failQueued(String channel) {
        synchronized (queues) {
            Deque<Queued> lane = queues.remove(channel);
            if (lane != null) {
                lane.forEach(q -> q.result().completeExceptionally(new SlackUnavailable("stopping")));
            }
        }
    }

    static Duration retryAfter(SlackApiException e) {
        String header = e.getResponse().header("Retry-After");
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header == null ? "1" : header.trim())));
        } catch (NumberFormatException ignored) {
            return Duration.ofSeconds(1);
        }
    }

    public boolean closed() {
        return closed;
    }

    /** 429 answers received so far (a well-paced bot sees none). */
    public long rateLimitedCount() {
        return rateLimited.get();
    }

    public long callCount() {
        return calls.get();
    }

    /** Calls queued or running. */
    public int backlog() {
        synchronized (queues) {
            return queues.values().stream().mapToInt(Deque::size).sum() + queues.size();
        }
    }

    /** Waits until everything queued went out, or the time is up; returns whether it all went. */
    public boolean flush(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (queues) {
                if (queues.isEmpty()) {
                    return true;
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return false;
    }

    /** Stops: calls still queued or retrying fail with {@link SlackUnavailable}, so no caller waits forever. */
    @Override
    public void close() {
        synchronized (queues) {
            closed = true;
            queues.values().forEach(lane -> lane.forEach(q -> q.result().completeExceptionally(new SlackUnavailable("stopping"))));
        }
        lanes.shutdownNow();
    }

    /** The ts of a posted message. */
    static Optional<String> tsOf(SlackApiTextResponse response) {
        if (response instanceof ChatPostMessageResponse post) {
            Message message = post.getMessage();
            return Optional.ofNullable(post.getTs() != null ? post.getTs() : message == null ? null : message.getTs());
        }
        return Optional.empty();
    }
}
