package dev.threadwork.agents;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket that makes callers wait for their turn instead of failing: the API's limits are
 * per organisation per minute, and a queued request is better than a 429.
 */
public final class RateLimiter {

    private final double perNano;
    private final double capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private double tokens;
    private long last = System.nanoTime();

    /** @param perMinute sustained operations per minute; bursts up to a tenth of that (at least one) */
    public RateLimiter(int perMinute) {
        this.perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
        this.capacity = Math.max(1, perMinute / 10.0);
        this.tokens = capacity;
    }

    /** Blocks until one operation may go. */
    public void acquire() throws InterruptedException {
        while (true) {
            long waitNanos;
            lock.lock();
            try {
                long now = System.nanoTime();
                tokens = Math.min(capacity, tokens + (now - last) * perNano);
                last = now;
                if (tokens >= 1) {
                    tokens -= 1;
                    return;
                }
                waitNanos = (long) Math.ceil((1 - tokens) / perNano);
            } finally {
                lock.unlock();
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, 1_000_000)); // the limiter's own pacing
        }
    }
}
