package dev.threadwork.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

    @Test
    void removesTheBotMentionAndNamesOtherPeople() {
        String plain = SlackText.toPlain("<@UBOT> please ask <@U123> about <https://x.io/a|the doc> &amp; <#C1|general>",
                "UBOT", id -> id.equals("U123") ? "alice" : id);

        assertThat(plain).isEqualTo("please ask @alice about the doc (https://x.io/a) & #general");
    }

    @Test
    void titlesComeFromTheFirstLineWithoutMentions() {
        assertThat(SessionTitles.fromTask("<@UBOT>  fix the flaky test\nmore details")).isEqualTo("fix the flaky test");
        assertThat(SessionTitles.fromTask("<@UBOT>")).isEqualTo("Slack thread");
        assertThat(SessionTitles.fromTask("x".repeat(200))).hasSize(SessionTitles.MAX_LENGTH);
    }
}
