package dev.threadwork.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an operator sees in the log: a handful of lines on a clean start, and JSON lines on request. */
class CleanStartIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCleanStartPrintsAHandfulOfLinesWithOneSummaryAndNothingAtWarningOrAbove() throws Exception {
        try (Harness harness = new Harness("clean-start")) {
            harness.startApp();
            // Ready means Slack answered; the connection line and the summary are then both out.
            String summary = await("the summary line").atMost(Duration.ofSeconds(30))
                    .until(() -> lines(harness.app.output()).stream().filter(l -> l.contains(" started: ")).findFirst().orElse(null),
                            line -> line != null);
            await("the Slack connection line").atMost(Duration.ofSeconds(30))
                    .until(() -> harness.app.output().contains("Connected to Slack workspace"));

            assertThat(summary).contains("Threadwork 0.1.0", "port " + harness.app.port(), "transport HTTP",
                    "database H2 " + harness.workDir.resolve("data").resolve("threadwork.mv.db"), "agent agent_default",
                    "environment env_default", "instance it-instance");
            List<String> lines = lines(harness.app.output());
            assertThat(lines).as(harness.app.output()).hasSizeLessThanOrEqualTo(6)
                    .noneMatch(line -> line.contains("WARNING") || line.contains("SEVERE") || line.contains("Exception"))
                    .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
            assertThat(lines.stream().filter(line -> line.contains(" started: "))).hasSize(1);
        }
    }

    @Test
    void withJsonLogsEveryLineIsOneObjectAndSessionLinesCarrySessionChannelAndThread() throws Exception {
        try (Harness harness = new Harness("json-logs").env("THREADWORK_LOG_FORMAT", "json")) {
            harness.startApp();
            String threadTs = harness.startThread(Harness.ALICE, "summarise the release notes");
            String session = harness.sessionOf(threadTs);

            String line = await("a log line about " + session).atMost(Duration.ofSeconds(30))
                    .until(() -> lines(harness.app.output()).stream().filter(l -> l.contains(session)).findFirst().orElse(null),
                            found -> found != null);
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.path("session").asText()).isEqualTo(session);
            assertThat(entry.path("channel").asText()).isEqualTo(Harness.CHANNEL);
            assertThat(entry.path("thread").asText()).isEqualTo(threadTs);
            for (String each : lines(harness.app.output())) {
                JsonNode node = JSON.readTree(each);
                assertThat(node.isObject()).as(each).isTrue();
                assertThat(node.has("time") && node.has("level") && node.has("logger") && node.has("message")).as(each).isTrue();
            }
        }
    }

    private static List<String> lines(String output) {
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
