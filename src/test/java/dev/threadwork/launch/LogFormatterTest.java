package dev.threadwork.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogFormatterTest {

    @AfterEach
    void reset() {
        System.clearProperty(LogSetup.FORMAT_PROPERTY);
    }

    @Test
    void jsonIsOneObjectPerLineWithContextFieldsAndTheStackTraceEscaped() throws Exception {
        System.setProperty(LogSetup.FORMAT_PROPERTY, "json");
        LogRecord record = new LogRecord(Level.WARNING, "Session {0} said \"no\"\ntwice");
        record.setLoggerName("dev.threadwork.bridge.SessionStarter");
        record.setParameters(new Object[] {"sesn_1", Map.of("session", "sesn_1", "channel", "C1", "thread", "1.2", "secret", "x")});
        record.setThrown(new IllegalStateException("boom"));

        String line = new LogFormatter().format(record);

        assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n{").hasLineCount(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("WARNING");
        assertThat(json.path("logger").asText()).isEqualTo("dev.threadwork.bridge.SessionStarter");
        assertThat(json.path("message").asText()).isEqualTo("Session sesn_1 said \"no\"\ntwice");
        assertThat(json.path("session").asText()).isEqualTo("sesn_1");
        assertThat(json.path("channel").asText()).isEqualTo("C1");
        assertThat(json.path("thread").asText()).isEqualTo("1.2");
        assertThat(json.has("secret")).isFalse();
        assertThat(json.path("error").asText()).startsWith("java.lang.IllegalStateException: boom");
    }

    @Test
    void textIsOneReadableLineWithOurClassNameAndContextPairs() {
        LogRecord record = new LogRecord(Level.INFO, "Session {0} started");
        record.setLoggerName("dev.threadwork.bridge.SessionStarter");
        record.setParameters(new Object[] {"sesn_1", Map.of("session", "sesn_1")});
        LogRecord payara = new LogRecord(Level.WARNING, "something");
        payara.setLoggerName("jakarta.enterprise.web");

        assertThat(new LogFormatter().format(record)).contains("INFO    SessionStarter: Session sesn_1 started session=sesn_1")
                .hasLineCount(1);
        assertThat(new LogFormatter().format(payara)).contains("WARNING jakarta.enterprise.web: something");
    }
}
