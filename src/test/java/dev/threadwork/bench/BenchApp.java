package dev.threadwork.bench;

import dev.threadwork.it.Harness;
import java.io.IOException;

/** The real app against the loopback fakes, with the client-side API limits lifted (100000 a minute, the highest the config accepts). */
final class BenchApp {

    private BenchApp() {
    }

    /**
     * The default limits (60 creates and 600 reads a minute) protect a real organisation's quota;
     * the fake has none, and leaving them on would measure the limiter, not the app.
     */
    static Harness start(String name) throws IOException {
        return new Harness("bench-" + name)
                .env("THREADWORK_CREATE_PER_MINUTE", "100000")
                .env("THREADWORK_READ_PER_MINUTE", "100000");
    }
}
