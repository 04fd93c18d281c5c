package dev.threadwork.fakes.slack;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Planned failures: the next N calls of a method (or of any method, "*") get a 429 or an error code. */
final class FaultInjector {

    static final String ANY_METHOD = "*";

    private static final class Fault {
        final String method;
        final SlackReply reply;
        int remaining;

        Fault(String method, SlackReply reply, int remaining) {
            this.method = method;
            this.reply = reply;
            this.remaining = remaining;
        }
    }

    private final List<Fault> faults = new ArrayList<>();

    synchronized void add(String method, int times, SlackReply reply) {
        if (times <= 0) {
            throw new IllegalArgumentException("times must be positive: " + times);
        }
        faults.add(new Fault(method == null ? ANY_METHOD : method, reply, times));
    }

    /** Consumes one planned fault for this method, oldest plan first. */
    synchronized Optional<SlackReply> take(String method) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault fault = it.next();
            if (fault.method.equals(ANY_METHOD) || fault.method.equals(method)) {
                if (fault.remaining != Integer.MAX_VALUE && --fault.remaining == 0) {
                    it.remove();
                }
                return Optional.of(fault.reply);
            }
        }
        return Optional.empty();
    }

    synchronized void clear() {
        faults.clear();
    }
}
