package dev.threadwork.fakes.slack;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** Every call in arrival order, including rejected and rate-limited ones. Thread-safe. */
public final class Ledger {

    private final ConcurrentSkipListMap<Long, SlackCall> calls = new ConcurrentSkipListMap<>();

    void record(SlackCall call) {
        calls.put(call.seq(), call);
    }

    public List<SlackCall> all() {
        return List.copyOf(calls.values());
    }

    public List<SlackCall> calls(String method) {
        return calls.values().stream().filter(c -> c.method().equals(method)).toList();
    }

    /** The benchmark asserts this stays 0 when the app paces itself correctly. */
    public long rateLimitedCount() {
        return calls.values().stream().filter(SlackCall::rateLimited).count();
    }

    public long rateLimitedCount(String method) {
        return calls(method).stream().filter(SlackCall::rateLimited).count();
    }

    void clear() {
        calls.clear();
    }
}
