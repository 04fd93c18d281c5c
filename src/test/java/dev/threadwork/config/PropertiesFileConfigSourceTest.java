package dev.threadwork.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileConfigSourceTest {

    @TempDir
    Path dir;

    @Test
    void readsKeysFromTheFileBelowTheEnvironment() throws IOException {
        Path file = dir.resolve("threadwork.properties");
        Files.writeString(file, "THREADWORK_AGENT_ID = agent_from_file\nTHREADWORK_PORT=9090\n");

        PropertiesFileConfigSource source = new PropertiesFileConfigSource(file);

        assertThat(source.getValue("THREADWORK_AGENT_ID")).isEqualTo("agent_from_file");
        assertThat(source.getValue("THREADWORK_PORT")).isEqualTo("9090");
        assertThat(source.getOrdinal()).isLessThan(300); // environment variables' ordinal
    }

    @Test
    void aMissingOptionalFileIsEmpty() {
        PropertiesFileConfigSource source = new PropertiesFileConfigSource(dir.resolve("absent.properties"));

        assertThat(source.getPropertyNames()).isEmpty();
    }
}
