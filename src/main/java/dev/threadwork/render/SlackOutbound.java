package dev.threadwork.render;

import com.slack.api.methods.AsyncMethodsClient;
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
    private static final int MAX_NETWORK_RETRIES = 8;
    private static final Set<String> DONE_ERRORS = Set.of("already_reacted", "no_reaction");

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
    private final ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Deque<Queued>> queues = new HashMap<>();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private volatile boolean closed;

    public SlackOutbound(AsyncMethodsClient slack) {
        this.slack = slack;
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
            } catch (SlackCallFailed e) {
                next.result().completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next.result().completeExceptionally(e);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Slack call failed unexpectedly", e);
                next.result().completeExceptionally(e);
            }
        }
    }

    /** Makes the call, waiting out rate limits and retrying network failures. */
    private Optional<String> execute(SlackCall call) throws InterruptedException {
        int networkFailures = 0;
        while (true) {
            try {
                calls.incrementAndGet();
                return SlackCalls.invoke(slack, call).get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException ce && ce.getCause() != null
                        ? ce.getCause() : e.getCause();
                if (cause instanceof SlackApiException api && api.getResponse().code() == 429) {
                    rateLimited.incrementAndGet();
                    Duration wait = retryAfter(api);
                    LOG.info(() -> "Slack rate limited " + SlackCalls.method(call) + "; waiting " + wait.toMillis() + " ms");
                    TimeUnit.MILLISECONDS.sleep(wait.toMillis()); // Slack said exactly how long
                    continue;
                }
                if (cause instanceof SlackCallFailed failed) {
                    if (DONE_ERRORS.contains(failed.error())) {
                        return Optional.empty();
                    }
                    throw failed;
                }
                if ((cause instanceof IOException || cause instanceof SlackApiException) && networkFailures < MAX_NETWORK_RETRIES) {
                    networkFailures++;
                    long backoff = Math.min(30_000, 250L << networkFailures);
                    LOG.info(() -> SlackCalls.method(call) + " failed (" + cause.getClass().getSimpleName() + "); retrying");
                    TimeUnit.MILLISECONDS.sleep(backoff);
                    continue;
                }
                throw new SlackCallFailed(SlackCalls.method(call), String.valueOf(cause));
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

    @Override
    public void close() {
        synchronized (queues) {
            closed = true;
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
