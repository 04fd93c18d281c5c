package dev.threadwork.agents;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Collects what a stream delivers, for assertions. */
final class RecordingListener implements SessionStreamListener {

    final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    final List<AgentEvent.TextPreview> previews = new CopyOnWriteArrayList<>();
    final AtomicInteger reconnects = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicReference<Throwable> closeCause = new AtomicReference<>();

    @Override
    public void onEvent(AgentEvent event) {
        events.add(event);
    }

    @Override
    public void onPreview(AgentEvent.TextPreview preview) {
        previews.add(preview);
    }

    @Override
    public void onReconnecting(int attempt, Throwable cause) {
        reconnects.incrementAndGet();
    }

    @Override
    public void onClosed(Throwable causeOrNull) {
        closeCause.set(causeOrNull);
        closed.set(true);
    }

    List<String> ids() {
        return events.stream().map(AgentEvent::id).toList();
    }

    List<String> types() {
        return events.stream().map(AgentEvent::type).toList();
    }
}
