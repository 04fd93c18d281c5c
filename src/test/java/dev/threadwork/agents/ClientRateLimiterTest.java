package dev.threadwork.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    /** A clock that only moves when somebody sleeps. */
    private final AtomicLong now = new AtomicLong();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        now.addAndGet(d.toNanos());
    };

    @Test
    void overTheLimitCallersWaitTheirTurnInsteadOfFailing() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(60, 600, now::get, sleeper); // creates: burst 6, 1/s

        for (int i = 0; i < 6; i++) {
            limiter.acquire(ClientRateLimiter.Kind.CREATE);
        }
        assertThat(sleeps).isEmpty();

        limiter.acquire(ClientRateLimiter.Kind.CREATE);
        limiter.acquire(ClientRateLimiter.Kind.CREATE);

        assertThat(sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isPositive());
    }

    @Test
    void readsAndCreatesHaveSeparateBudgets() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(10, 600, now::get, sleeper); // creates: burst 1

        limiter.acquire(ClientRateLimiter.Kind.CREATE);
        for (int i = 0; i < 60; i++) {
            limiter.acquire(ClientRateLimiter.Kind.READ);
        }

        assertThat(sleeps).isEmpty();
    }

    @Test
    void concurrentCallersAllGetThroughWithARealClock() {
        ClientRateLimiter limiter = new ClientRateLimiter(600, 1200); // reads: burst 120, then 20/s
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 140; i++) {
                threads.execute(() -> {
                    try {
                        limiter.acquire(ClientRateLimiter.Kind.READ);
                        done.incrementAndGet();
                    } catch (InterruptedException | RuntimeException e) {
                        failed.incrementAndGet();
                    }
                });
            }
            await().untilAsserted(() -> assertThat(done.get()).isEqualTo(140));
        }
        assertThat(failed.get()).isZero();
    }
}
