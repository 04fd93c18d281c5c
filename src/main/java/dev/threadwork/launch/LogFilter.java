package dev.threadwork.launch;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

/**
 * Holds every record to the level the logging configuration gives its logger (or the nearest
 * configured parent). Some of Payara's loggers set their own level in code ({@code
 * jakarta.enterprise.web} logs its start-up notes at INFO whatever the file says); this filter
 * on the console handler makes the file's levels the ones that apply.
 */
public final class LogFilter implements Filter {

    private final Map<String, Optional<Level>> configured = new ConcurrentHashMap<>();

    @Override
    public boolean isLoggable(LogRecord record) {
        String name = record.getLoggerName() == null ? "" : record.getLoggerName();
        return configured.computeIfAbsent(name, LogFilter::configuredLevel)
                .map(level -> record.getLevel().intValue() >= level.intValue())
                .orElse(true);
    }

    private static Optional<Level> configuredLevel(String logger) {
        LogManager manager = LogManager.getLogManager();
        String name = logger;
        while (true) {
            String value = manager.getProperty(name.isEmpty() ? ".level" : name + ".level");
            if (value != null) {
                try {
                    return Optional.of(Level.parse(value.trim()));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
            if (name.isEmpty()) {
                return Optional.empty();
            }
            int dot = name.lastIndexOf('.');
            name = dot < 0 ? "" : name.substring(0, dot);
        }
    }
}
