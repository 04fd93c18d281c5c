package dev.threadwork.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The optional properties file: {@code config/threadwork.properties}, or the file named by
 * {@code THREADWORK_CONFIG}. Its ordinal sits below environment variables (300) so that the
 * environment always wins, and above the application's built-in defaults (100).
 */
public final class PropertiesFileConfigSource implements ConfigSource {

    public static final String LOCATION_KEY = ConfigFile.LOCATION_KEY;
    private static final int ORDINAL = 250;

    private final Map<String, String> properties;
    private final String name;

    /** Used by MicroProfile Config's service loader. */
    public PropertiesFileConfigSource() {
        this(ConfigFile.location());
    }

    PropertiesFileConfigSource(Path file) {
        this.name = "threadwork-properties:" + file;
        this.properties = ConfigFile.read(file);
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
