package dev.threadwork.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The optional properties file: {@code config/threadwork.properties}, or the file named by
 * {@code THREADWORK_CONFIG}. Its ordinal sits below environment variables (300) so that the
 * environment always wins, and above the application's built-in defaults (100).
 */
public final class PropertiesFileConfigSource implements ConfigSource {

    public static final String LOCATION_KEY = "THREADWORK_CONFIG";
    static final String DEFAULT_LOCATION = "config/threadwork.properties";
    private static final int ORDINAL = 250;

    private final Map<String, String> properties;
    private final String name;

    /** Used by MicroProfile Config's service loader. */
    public PropertiesFileConfigSource() {
        this(Path.of(System.getenv().getOrDefault(LOCATION_KEY, DEFAULT_LOCATION)));
    }

    PropertiesFileConfigSource(Path file) {
        this.name = "threadwork-properties:" + file;
        this.properties = read(file);
    }

    private static Map<String, String> read(Path file) {
        if (!Files.isReadable(file)) {
            return Map.of(); // optional; a named but missing file is reported by ConfigLoader
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

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
