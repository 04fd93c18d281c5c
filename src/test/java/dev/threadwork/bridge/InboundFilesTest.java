package dev.threadwork.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** File names become safe mount paths that still look like the original. */
class InboundFilesTest {

    @Test
    void namesAreSanitisedButRecognisable() {
        assertThat(InboundFiles.sanitise("Q3 report (final).txt")).isEqualTo("Q3_report_final.txt");
        assertThat(InboundFiles.sanitise("../../etc/passwd")).isEqualTo("_._etc_passwd");
        assertThat(InboundFiles.sanitise("..")).isEqualTo("file");
        assertThat(InboundFiles.sanitise("résumé.pdf")).isEqualTo("résumé.pdf");
        assertThat(InboundFiles.sanitise("a;rm -rf $HOME`.sh")).isEqualTo("arm_-rf_HOME.sh");
        assertThat(InboundFiles.sanitise("x".repeat(300) + ".csv")).hasSize(120).endsWith(".csv");
        assertThat(InboundFiles.sanitise("a/b\\c:d")).doesNotContain("/").doesNotContain("\\");
    }

    @Test
    void aSecondFileWithTheSameNameGetsItsIdInThePath() {
        SlackMessage.SharedFile file = new SlackMessage.SharedFile("F123", "log.txt", "text/plain", 1, Optional.of("https://files.slack.com/x"));
        assertThat(InboundFiles.mountPath(file, Set.of())).isEqualTo("/slack/log.txt");
        assertThat(InboundFiles.mountPath(file, Set.of("/slack/log.txt"))).isEqualTo("/slack/log-F123.txt");
    }

    @Test
    void limitsAreDescribedInUnitsPeopleRead() {
        assertThat(FileLimits.describe(FileLimits.mb(25))).isEqualTo("25 MB");
        assertThat(FileLimits.describe(1536)).isEqualTo("1.5 KB");
        assertThat(FileLimits.describe(19)).isEqualTo("19 bytes");
    }
}
