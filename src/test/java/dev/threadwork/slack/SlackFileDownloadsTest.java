package dev.threadwork.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadwork.bridge.SlackMessage;
import dev.threadwork.bridge.SlackFileSource;
import dev.threadwork.config.Secret;
import dev.threadwork.fakes.slack.BotIdentity;
import dev.threadwork.fakes.slack.FakeSlack;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Downloads of files shared in Slack: the bot token gets the bytes; a redirect to the login page is a failure. */
class SlackFileDownloadsTest {

    private static final String TOKEN = "xoxb-1-files-test";
    private final FakeSlack slack = new FakeSlack(BotIdentity.defaults().withToken(TOKEN), 0, Clock.systemUTC()).start();

    @AfterEach
    void stop() {
        slack.close();
    }

    private SlackMessage.SharedFile shared(String name, byte[] content) {
        ObjectNode file = slack.shareFile("U0ALICE001", name, "text/csv", content);
        return new SlackMessage.SharedFile(file.path("id").asText(), name, "text/csv", content.length,
                Optional.of(file.path("url_private_download").asText()));
    }

    @Test
    void theBotTokenGetsTheFile() {
        SlackMessage.SharedFile file = shared("a.csv", "x,y".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = new SlackFileDownloads(new Secret(TOKEN), URI.create(slack.apiUrl())).download(file, 1_000);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("x,y");
    }

    @Test
    void aRedirectToTheLoginPageIsAFailureNotTheFile() {
        SlackMessage.SharedFile file = shared("a.csv", "x,y".getBytes(StandardCharsets.UTF_8));
        SlackFileDownloads wrongToken = new SlackFileDownloads(new Secret("xoxb-wrong"), URI.create(slack.apiUrl()));
        assertThatThrownBy(() -> wrongToken.download(file, 1_000)).isInstanceOf(SlackFileSource.DownloadFailed.class)
                .hasMessageContaining("login page").satisfies(e -> assertThat(((SlackFileSource.DownloadFailed) e).permanent()).isTrue());
    }

    @Test
    void theTokenIsNeverSentOutsideSlack() {
        SlackMessage.SharedFile elsewhere = new SlackMessage.SharedFile("F1", "a.csv", "text/csv", 3, Optional.of("https://example.org/a.csv"));
        SlackFileDownloads downloads = new SlackFileDownloads(new Secret(TOKEN), URI.create(slack.apiUrl()));
        assertThatThrownBy(() -> downloads.download(elsewhere, 1_000)).isInstanceOf(SlackFileSource.DownloadFailed.class)
                .hasMessageContaining("not on Slack");
    }

    @Test
    void moreBytesThanAllowedAreRefused() {
        SlackMessage.SharedFile file = shared("big.csv", new byte[2_000]);
        SlackFileDownloads downloads = new SlackFileDownloads(new Secret(TOKEN), URI.create(slack.apiUrl()));
        assertThatThrownBy(() -> downloads.download(file, 1_000)).isInstanceOf(SlackFileSource.DownloadFailed.class);
    }
}
