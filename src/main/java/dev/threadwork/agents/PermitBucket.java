package dev.threadwork.agents;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A token bucket that makes callers wait instead of failing. A caller reserves a permit under the
 * lock (going into debt when none is left) and sleeps off its share outside it, so waiting callers
 * queue in arrival order and each blocks only its own (virtual) thread.
 */
final class PermitBucket {

    private final ReentrantLock lock = new ReentrantLock(); // not synchronized: virtual threads must not pin
    private final double nanosPerPermit;
    private final double capacity;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double available;
    private long lastRefill;

    /** Burst of a tenth of a minute's permits: smooth enough not to trip the server's own per-minute window. */
    PermitBucket(int permitsPerMinute, LongSupplier nanoClock, Sleeper sleeper) {
        this.nanosPerPermit = 60_000_000_000d / permitsPerMinute;
        this.capacity = Math.max(1, permitsPerMinute / 10);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.available = capacity;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes one permit, blocking the calling thread until it is due. */
    void acquire() throws InterruptedException {
        long waitNanos;
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            available = Math.min(capacity, available + (now - lastRefill) / nanosPerPermit);
            lastRefill = now;
            available -= 1;
            waitNanos = available >= 0 ? 0 : (long) Math.ceil(-available * nanosPerPermit);
        } finally {
            lock.unlock();
        }
        if (waitNanos > 0) {
            sleeper.sleep(Duration.ofNanos(waitNanos));
        }
    }
}
