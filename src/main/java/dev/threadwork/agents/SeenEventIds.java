package dev.threadwork.agents;

import java.util.LinkedHashSet;

/**
 * Ids of this session's events delivered recently, to drop duplicates between history and live
 * events and repeats from the server. Bounded: older ids are covered by the stream's cursor (the
 * last delivered id), which skips the history up to it on every reconnect.
 */
final class SeenEventIds {

    private final int capacity;
    private LinkedHashSet<String> ids; // created on first use: thousands of idle streams stay small

    SeenEventIds(int capacity) {
        this.capacity = capacity;
    }

    /** Remembers the id; false when it was already seen. */
    boolean firstTime(String id) {
        if (ids == null) {
            ids = new LinkedHashSet<>();
        }
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            ids.remove(ids.iterator().next());
        }
        return true;
    }
}
