package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import org.junit.jupiter.api.Test;

class FakeSlackChatTest extends FakeSlackSdkTestSupport {

    @Test
    void postMessageThenUpdateShowsTheUpdatedTextOnce() throws Exception {
        ChatPostMessageResponse posted = client.chatPostMessage(r -> r.channel(CHANNEL).text("thinking…"));
        assertThat(posted.isOk()).isTrue();
        assertThat(posted.getTs()).matches("\\d{10}\\.\\d{6}");
        assertThat(posted.getChannel()).isEqualTo(CHANNEL);
        assertThat(posted.getMessage().getText()).isEqualTo("thinking…");
        assertThat(posted.getMessage().getBotId()).isEqualTo(fake.bot().botId());

        ChatUpdateResponse updated = client.chatUpdate(r -> r.channel(CHANNEL).ts(posted.getTs()).text("done: 42"));
        assertThat(updated.isOk()).isTrue();
        assertThat(updated.getTs()).isEqualTo(posted.getTs());
        assertThat(updated.getMessage().getText()).isEqualTo("done: 42");

        assertThat(fake.workspace().messagesInChannel(CHANNEL)).singleElement()
                .satisfies(m -> {
                    assertThat(m.text()).isEqualTo("done: 42");
                    assertThat(m.updateCount()).isEqualTo(1);
                });
        assertThat(fake.calls("chat.update")).singleElement()
                .satisfies(c -> assertThat(c.ts()).isEqualTo(posted.getTs()));
        assertThat(fake.calls("chat.postMessage").getFirst().producedTs()).isEqualTo(posted.getTs());
    }

    @Test
    void repliesGoToTheThreadAndTsIncreases() throws Exception {
        String root = client.chatPostMessage(r -> r.channel(CHANNEL).text("root")).getTs();
        String first = client.chatPostMessage(r -> r.channel(CHANNEL).threadTs(root).text("one")).getTs();
        String second = client.chatPostMessage(r -> r.channel(CHANNEL).threadTs(root).text("two")).getTs();

        assertThat(SlackTs.micros(first)).isGreaterThan(SlackTs.micros(root));
        assertThat(SlackTs.micros(second)).isGreaterThan(SlackTs.micros(first));
        assertThat(fake.messagesInThread(CHANNEL, root)).extracting(FakeMessage::text).containsExactly("root", "one", "two");
        assertThat(fake.calls("chat.postMessage").get(1).threadTs()).isEqualTo(root);

        String third = client.chatPostMessage(r -> r.channel(CHANNEL).threadTs(first).text("reply to a reply")).getTs();
        assertThat(fake.workspace().message(CHANNEL, third).orElseThrow().threadTs()).isEqualTo(root);
    }

    @Test
    void blocksAreKeptAndVisibleTextComesFromThem() throws Exception {
        String blocks = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*hello* from blocks\"}}]";
        ChatPostMessageResponse posted = client.chatPostMessage(r -> r.channel(CHANNEL).text("fallback").blocksAsString(blocks));

        assertThat(posted.isOk()).isTrue();
        assertThat(posted.getMessage().getBlocks()).hasSize(1);
        FakeMessage shown = fake.workspace().message(CHANNEL, posted.getTs()).orElseThrow();
        assertThat(shown.visibleText()).isEqualTo("*hello* from blocks");
        assertThat(fake.calls("chat.postMessage").getFirst().blocks()).isEqualTo(blocks);
    }

    @Test
    void textOver40000CharactersIsMsgTooLong() throws Exception {
        String tooLong = "x".repeat(40_001);
        assertThat(client.chatPostMessage(r -> r.channel(CHANNEL).text(tooLong)).getError()).isEqualTo("msg_too_long");
        assertThat(client.chatPostMessage(r -> r.channel(CHANNEL).text("x".repeat(40_000))).isOk()).isTrue();
        assertThat(fake.workspace().messagesInChannel(CHANNEL)).hasSize(1);
    }

    @Test
    void moreThan50BlocksIsInvalidBlocks() throws Exception {
        String section = "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"part\"}}";
        String fifty = "[" + String.join(",", java.util.Collections.nCopies(50, section)) + "]";
        String fiftyOne = "[" + String.join(",", java.util.Collections.nCopies(51, section)) + "]";

        assertThat(client.chatPostMessage(r -> r.channel(CHANNEL).text("t").blocksAsString(fifty)).isOk()).isTrue();
        ChatPostMessageResponse rejected = client.chatPostMessage(r -> r.channel(CHANNEL).text("t").blocksAsString(fiftyOne));
        assertThat(rejected.getError()).isEqualTo("invalid_blocks");
        assertThat(rejected.getErrors()).anySatisfy(e -> assertThat(e).contains("json-pointer:/blocks"));
    }

    @Test
    void sectionTextOver3000CharactersIsInvalidBlocks() throws Exception {
        String blocks = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + "y".repeat(3_001) + "\"}}]";
        ChatPostMessageResponse rejected = client.chatPostMessage(r -> r.channel(CHANNEL).text("t").blocksAsString(blocks));

        assertThat(rejected.isOk()).isFalse();
        assertThat(rejected.getError()).isEqualTo("invalid_blocks");
        assertThat(rejected.getErrors()).containsExactly("must be less than 3001 characters [json-pointer:/blocks/0/text/text]");

        String ts = client.chatPostMessage(r -> r.channel(CHANNEL).text("ok")).getTs();
        assertThat(client.chatUpdate(r -> r.channel(CHANNEL).ts(ts).blocksAsString(blocks)).getError()).isEqualTo("invalid_blocks");
        assertThat(fake.workspace().message(CHANNEL, ts).orElseThrow().text()).isEqualTo("ok");
    }

    @Test
    void messageWithoutTextOrBlocksIsNoText() throws Exception {
        assertThat(client.chatPostMessage(r -> r.channel(CHANNEL)).getError()).isEqualTo("no_text");
    }

    @Test
    void updateAndDeleteOfUnknownOrHumanMessagesFailLikeSlack() throws Exception {
        fake.seedMessage(CHANNEL, "1700000000.000050", null, HUMAN, "human words");

        assertThat(client.chatUpdate(r -> r.channel(CHANNEL).ts("1700000099.000000").text("x")).getError())
                .isEqualTo("message_not_found");
        assertThat(client.chatUpdate(r -> r.channel(CHANNEL).ts("1700000000.000050").text("x")).getError())
                .isEqualTo("cant_update_message");
        assertThat(client.chatDelete(r -> r.channel(CHANNEL).ts("1700000000.000050")).getError())
                .isEqualTo("cant_delete_message");
    }

    @Test
    void deleteRemovesTheMessage() throws Exception {
        String ts = client.chatPostMessage(r -> r.channel(CHANNEL).text("oops")).getTs();

        var deleted = client.chatDelete(r -> r.channel(CHANNEL).ts(ts));

        assertThat(deleted.isOk()).isTrue();
        assertThat(deleted.getTs()).isEqualTo(ts);
        assertThat(fake.workspace().message(CHANNEL, ts)).isEmpty();
    }

    @Test
    void ephemeralMessagesAreNotInHistory() throws Exception {
        var response = client.chatPostEphemeral(r -> r.channel(CHANNEL).user(HUMAN).text("only you"));

        assertThat(response.isOk()).isTrue();
        assertThat(response.getMessageTs()).isNotBlank();
        assertThat(fake.workspace().ephemerals(CHANNEL)).extracting(EphemeralMessage::text).containsExactly("only you");
        assertThat(fake.workspace().messagesInChannel(CHANNEL)).isEmpty();
    }

    @Test
    void permalinkPointsAtTheThreadReply() throws Exception {
        String root = client.chatPostMessage(r -> r.channel(CHANNEL).text("root")).getTs();
        String reply = client.chatPostMessage(r -> r.channel(CHANNEL).threadTs(root).text("reply")).getTs();

        var link = client.chatGetPermalink(r -> r.channel(CHANNEL).messageTs(reply));

        assertThat(link.isOk()).isTrue();
        assertThat(link.getPermalink()).contains("/archives/" + CHANNEL + "/p" + reply.replace(".", ""))
                .contains("thread_ts=" + root);
        assertThat(client.chatGetPermalink(r -> r.channel(CHANNEL).messageTs("1.000001")).getError())
                .isEqualTo("message_not_found");
    }

    @Test
    void postingToAUserIdLandsInTheDirectMessage() throws Exception {
        var posted = client.chatPostMessage(r -> r.channel(HUMAN).text("psst"));

        assertThat(posted.getChannel()).startsWith("D");
        assertThat(fake.workspace().messagesInChannel(posted.getChannel())).extracting(FakeMessage::text).containsExactly("psst");
    }

    @Test
    void threadQueriesCountWhatReadersSee() throws Exception {
        String root = client.chatPostMessage(r -> r.channel(CHANNEL).text("root")).getTs();
        client.chatPostMessage(r -> r.channel(CHANNEL).threadTs(root).text("answer: 42"));
        client.chatPostMessage(r -> r.channel(CHANNEL).threadTs(root).text("fallback")
                .blocksAsString("[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"see answer: 42\"}}]"));

        assertThat(fake.visibleTextsInThread(CHANNEL, root)).containsExactly("root", "answer: 42", "see answer: 42");
        assertThat(fake.countInThread(CHANNEL, root, "answer: 42")).isEqualTo(2);
    }

    @Test
    void statsEndpointReportsCallsAndRateLimitedAnswers() throws Exception {
        fake.rateLimitNext("auth.test", 1, 3);
        try {
            client.authTest(r -> r);
        } catch (com.slack.api.methods.SlackApiException expected) {
            // counted below
        }
        client.authTest(r -> r);

        var stats = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(fake.apiUrl().replace("/api/", "/_fake/stats"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(stats.body()).isEqualTo("{\"calls\":2,\"rate_limited\":1}");
        var ledger = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(fake.apiUrl().replace("/api/", "/_fake/ledger"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(ledger.body()).contains("\"method\":\"auth.test\"").contains("\"http_status\":429")
                .doesNotContain(fake.bot().token());
    }
}
