package dev.threadwork.agents;

import java.util.function.LongSupplier;

/**
 * Client-side rate limits mirroring the API's per-organisation ones: creates and reads (stream
 * connections count as reads). Over the limit a caller waits its turn; nothing fails.
 */
final class ClientRateLimiter {

    enum Kind { CREATE, READ }

    private final PermitBucket creates;
    private final PermitBucket reads;

    ClientRateLimiter(int createsPerMinute, int readsPerMinute) {
        this(createsPerMinute, readsPerMinute, System::nanoTime, Sleeper.REAL);
    }

    ClientRateLimiter(int createsPerMinute, int readsPerMinute, LongSupplier nanoClock, Sleeper sleeper) {
        this.creates = new PermitBucket(createsPerMinute, nanoClock, sleeper);
        this.reads = new PermitBucket(readsPerMinute, nanoClock, sleeper);
    }

    void acquire(Kind kind) throws InterruptedException {
        (kind == Kind.CREATE ? creates : reads).acquire();
    }
}
