package dev.threadwork.fakes.agents;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** One open stream connection: frames queued by the session, written by the connection's thread. */
final class SseSubscriber {

    static final String END = "\u0000end";

    final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final boolean previews;
    final int cutAfterEvents; // 0 = never
    final AtomicInteger heartbeatsSent = new AtomicInteger();

    SseSubscriber(boolean previews, int cutAfterEvents) {
        this.previews = previews;
        this.cutAfterEvents = cutAfterEvents;
    }

    void end() {
        frames.add(END);
    }
}
