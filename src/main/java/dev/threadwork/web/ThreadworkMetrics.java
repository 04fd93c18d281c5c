package dev.threadwork.web;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Threadwork's own figures as MicroProfile Metrics gauges (served at /metrics, Prometheus text). */
final class ThreadworkMetrics {

    private ThreadworkMetrics() {
    }

    static void register(MetricRegistry registry, ThreadworkLifecycle lifecycle) {
        gauge(registry, lifecycle, "threadwork_open_streams", "Agent event streams open on this instance",
                f -> f.openStreams());
        gauge(registry, lifecycle, "threadwork_outbox_backlog", "Inbound Slack messages not yet delivered to a session",
                f -> f.outboxBacklog());
        gauge(registry, lifecycle, "threadwork_slack_queue_backlog", "Slack calls queued or in flight",
                f -> f.slackBacklog());
        gauge(registry, lifecycle, "threadwork_slack_calls", "Slack Web API calls made since start",
                f -> f.slackCalls());
        gauge(registry, lifecycle, "threadwork_slack_rate_limited", "429 answers received from Slack since start",
                f -> f.slackRateLimited());
    }

    private static void gauge(MetricRegistry registry, ThreadworkLifecycle lifecycle, String name, String description,
                              java.util.function.ToLongFunction<Threadwork.Figures> figure) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), lifecycle,
                l -> l.started() ? figure.applyAsLong(l.running().figures()) : 0L);
    }
}
