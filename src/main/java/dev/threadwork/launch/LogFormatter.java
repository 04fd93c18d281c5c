package dev.threadwork.launch;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per record: {@code 2026-11-28T02:20:43.345Z INFO  Threadwork: message}, or with
 * {@code THREADWORK_LOG_FORMAT=json} one JSON object per line with {@code time}, {@code level},
 * {@code logger}, {@code message}, the Slack {@code session}, {@code channel} and {@code thread}
 * where the caller passed them (a {@code Map} as the record's last parameter), and the stack
 * trace as {@code error}. Loaded by java.util.logging from the launcher's class path.
 */
public final class LogFormatter extends Formatter {

    /** Keys a caller may pass in a {@code Map} parameter; others are ignored. */
    private static final String[] CONTEXT_KEYS = {"session", "channel", "thread"};

    private final boolean json = "json".equals(System.getProperty(LogSetup.FORMAT_PROPERTY));

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        String error = record.getThrown() == null ? null : stackTrace(record.getThrown());
        return json ? json(record, message, error) : text(record, message, error);
    }

    private static String text(LogRecord record, String message, String error) {
        StringBuilder line = new StringBuilder(96)
                .append(record.getInstant())
                .append(' ').append(String.format("%-7s", record.getLevel().getName()))
                .append(' ').append(shortName(record.getLoggerName())).append(": ").append(message);
        context(record).forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        line.append(System.lineSeparator());
        if (error != null) {
            line.append(error);
        }
        return line.toString();
    }

    private static String json(LogRecord record, String message, String error) {
        StringBuilder line = new StringBuilder(160).append('{');
        field(line, "time", Instant.ofEpochMilli(record.getMillis()).toString()).append(',');
        field(line, "level", record.getLevel().getName()).append(',');
        field(line, "logger", record.getLoggerName() == null ? "" : record.getLoggerName()).append(',');
        field(line, "message", message);
        context(record).forEach((key, value) -> field(line.append(','), key, value));
        if (error != null) {
            field(line.append(','), "error", error);
        }
        return line.append('}').append(System.lineSeparator()).toString();
    }

    private static Map<String, String> context(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0 || !(parameters[parameters.length - 1] instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> context = new java.util.LinkedHashMap<>();
        for (String key : CONTEXT_KEYS) {
            Object value = map.get(key);
            if (value != null && !value.toString().isEmpty()) {
                context.put(key, value.toString());
            }
        }
        return context;
    }

    private static StringBuilder field(StringBuilder line, String key, String value) {
        line.append('"').append(key).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }

    /** Our own loggers by class name; everyone else's in full, so that it can be turned down by name. */
    private static String shortName(String logger) {
        if (logger == null || logger.isEmpty()) {
            return "root";
        }
        return logger.startsWith("dev.threadwork.") ? logger.substring(logger.lastIndexOf('.') + 1) : logger;
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
