package dev.threadwork.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Threadwork's logging configuration for Payara Micro ({@code --logproperties}): Payara's own
 * start-up chatter and known-harmless warnings are turned down there, by logger, and every line
 * goes through {@link LogFormatter} (plain text, or one JSON object per line with
 * {@code THREADWORK_LOG_FORMAT=json}).
 */
final class LogSetup {

    static final String FORMAT_KEY = "THREADWORK_LOG_FORMAT";
    static final String FORMAT_PROPERTY = "threadwork.log.format";
    private static final String RESOURCE = "/threadwork-logging.properties";

    private LogSetup() {
    }

    /** The Payara arguments that apply the logging configuration. */
    static List<String> apply(Function<String, Optional<String>> config) {
        String format = config.apply(FORMAT_KEY).map(String::trim).map(String::toLowerCase).orElse("text");
        System.setProperty(FORMAT_PROPERTY, format);
        try (InputStream in = LogSetup.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return List.of(); // not packaged (running from classes): Payara's defaults
            }
            Path file = Files.createTempFile("threadwork-logging", ".properties");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return List.of("--logproperties", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the logging configuration to the temporary directory", e);
        }
    }
}
