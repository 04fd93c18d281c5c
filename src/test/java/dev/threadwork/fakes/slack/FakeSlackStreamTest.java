package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FakeSlackStreamTest extends FakeSlackSdkTestSupport {

    @Test
    void startAppendStopBuildsOneMessageInTheThread() throws Exception {
        fake.seedMessage(CHANNEL, "1700000000.000010", null, HUMAN, "@threadwork summarise");

        var started = client.chatStartStream(r -> r.channel(CHANNEL).threadTs("1700000000.000010").markdownText("Hel"));
        assertThat(started.isOk()).isTrue();
        String ts = started.getTs();
        assertThat(ts).isNotBlank();
        assertThat(client.chatAppendStream(r -> r.channel(CHANNEL).ts(ts).markdownText("lo, ")).isOk()).isTrue();
        assertThat(client.chatAppendStream(r -> r.channel(CHANNEL).ts(ts).markdownText("**world**")).isOk()).isTrue();
        String blocks = "[{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"done in 3s\"}]}]";
        var stopped = client.chatStopStream(r -> r.channel(CHANNEL).ts(ts).blocksAsString(blocks));

        assertThat(stopped.isOk()).isTrue();
        assertThat(stopped.getMessage().getText()).isEqualTo("Hello, **world**");
        var thread = fake.messagesInThread(CHANNEL, "1700000000.000010");
        assertThat(thread).extracting(FakeMessage::ts).containsExactly("1700000000.000010", ts);
        FakeMessage streamed = thread.getLast();
        assertThat(streamed.text()).isEqualTo("Hello, **world**");
        assertThat(streamed.blocksJson()).isEqualTo(blocks);
        assertThat(streamed.streamState()).isEqualTo(FakeMessage.StreamState.STOPPED);
        assertThat(fake.calls("chat.appendStream")).extracting(SlackCall::markdownText).containsExactly("lo, ", "**world**");
    }

    @Test
    void appendAfterStopIsRejected() throws Exception {
        String ts = client.chatStartStream(r -> r.channel(CHANNEL).threadTs("1700000000.000010")).getTs();
        client.chatStopStream(r -> r.channel(CHANNEL).ts(ts).markdownText("bye"));

        assertThat(client.chatAppendStream(r -> r.channel(CHANNEL).ts(ts).markdownText("late")).getError())
                .isEqualTo("message_not_in_streaming_state");
        assertThat(client.chatAppendStream(r -> r.channel(CHANNEL).ts("1700000999.000000").markdownText("x")).getError())
                .isEqualTo("message_not_found");
        assertThat(fake.workspace().message(CHANNEL, ts).orElseThrow().text()).isEqualTo("bye");
    }

    @Test
    void appendChunkOver12000CharactersIsMsgTooLong() throws Exception {
        String ts = client.chatStartStream(r -> r.channel(CHANNEL).threadTs("1700000000.000010")).getTs();

        assertThat(client.chatAppendStream(r -> r.channel(CHANNEL).ts(ts).markdownText("z".repeat(12_001))).getError())
                .isEqualTo("msg_too_long");
        assertThat(client.chatAppendStream(r -> r.channel(CHANNEL).ts(ts).markdownText("z".repeat(12_000))).isOk()).isTrue();
    }
}
