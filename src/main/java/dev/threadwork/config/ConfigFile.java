package dev.threadwork.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The optional properties file ({@code config/threadwork.properties}, or the file named by
 * {@code THREADWORK_CONFIG}) and the lookup order every reader of the configuration shares:
 * system property, then environment variable, then this file — MicroProfile Config's order
 * (ordinals 400, 300, 250). Plain JDK, so the launcher can validate before Payara boots.
 */
public final class ConfigFile {

    public static final String LOCATION_KEY = "THREADWORK_CONFIG";
    static final String DEFAULT_LOCATION = "config/threadwork.properties";

    private ConfigFile() {
    }

    /** The file named by {@code THREADWORK_CONFIG}, or the default location. */
    public static Path location() {
        return Path.of(Optional.ofNullable(System.getenv(LOCATION_KEY)).filter(v -> !v.isBlank()).orElse(DEFAULT_LOCATION));
    }

    /** The file's entries, trimmed; empty when there is no readable file (a named but missing one is reported by ConfigLoader). */
    public static Map<String, String> read(Path file) {
        if (!Files.isReadable(file)) {
            return Map.of();
        }
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read configuration file " + file, e);
        }
        return loaded.stringPropertyNames().stream()
                .collect(Collectors.toUnmodifiableMap(key -> key, key -> loaded.getProperty(key).trim()));
    }

    /** System properties, then the environment, then the file: what the application sees through MicroProfile Config. */
    public static Function<String, Optional<String>> standardSources() {
        Map<String, String> file = read(location());
        return key -> Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(key)))
                .or(() -> Optional.ofNullable(file.get(key)));
    }
}
