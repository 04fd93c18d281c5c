package dev.threadwork.bridge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which session, channel and Slack thread a log entry is about, passed as the record's last
 * parameter; the log formatter turns it into fields ({@code THREADWORK_LOG_FORMAT=json}) or
 * {@code key=value} pairs.
 */
public final class LogContext {

    private LogContext() {
    }

    public static Map<String, String> of(ThreadKey thread, String sessionId) {
        Map<String, String> context = new LinkedHashMap<>();
        if (sessionId != null) {
            context.put("session", sessionId);
        }
        context.put("channel", thread.channelId());
        context.put("thread", thread.threadTs());
        return context;
    }
}
