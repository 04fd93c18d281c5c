package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.util.Responder;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import com.slack.api.webhook.WebhookResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSlackResponseUrlTest extends FakeSlackSdkTestSupport {

    @Test
    void webhookClientPostsAreAnsweredOkAndRecorded() throws Exception {
        String url = fake.responseUrl("/ask");
        assertThat(url).startsWith("http://127.0.0.1:" + fake.port() + "/_response/");

        WebhookResponse answer = slack.send(url, "{\"text\":\"working on it\",\"response_type\":\"ephemeral\"}");

        assertThat(answer.getCode()).isEqualTo(200);
        assertThat(answer.getBody()).isEqualTo("ok");
        assertThat(fake.responses("/ask")).singleElement().satisfies(p -> {
            assertThat(p.label()).isEqualTo("/ask");
            assertThat(p.text()).isEqualTo("working on it");
            assertThat(p.responseType()).isEqualTo("ephemeral");
            assertThat(p.ephemeral()).isTrue();
            assertThat(p.replaceOriginal()).isFalse();
            assertThat(p.rawJson()).isEqualTo("{\"text\":\"working on it\",\"response_type\":\"ephemeral\"}");
        });
        assertThat(fake.calls(FakeSlack.RESPONSE_URL_CALL)).singleElement().satisfies(c -> {
            assertThat(c.ok()).isTrue();
            assertThat(c.text()).isEqualTo("working on it");
            assertThat(c.param("label")).isEqualTo("/ask");
            assertThat(c.param("response_type")).isEqualTo("ephemeral");
        });
        // Nothing reaches the channel history: a response URL is not chat.postMessage.
        assertThat(fake.workspace().messagesInChannel(CHANNEL)).isEmpty();
    }

    @Test
    void boltResponderForCommandsAndActions() throws Exception {
        String commandUrl = fake.responseUrl("/ask");
        String actionUrl = fake.responseUrl("approve");
        assertThat(commandUrl).isNotEqualTo(actionUrl).isNotEqualTo(fake.responseUrl("/ask"));

        WebhookResponse command = new Responder(slack, commandUrl)
                .sendToCommand(r -> r.responseType("in_channel").text("answer: 42"));
        WebhookResponse action = new Responder(slack, actionUrl).sendToAction(r -> r.replaceOriginal(true)
                .text("approved").blocks(List.of(Blocks.section(s -> s.text(BlockCompositions.markdownText("*approved*"))))));

        assertThat(command.getCode()).isEqualTo(200);
        assertThat(action.getBody()).isEqualTo("ok");
        assertThat(fake.responses("/ask")).singleElement().satisfies(p -> {
            assertThat(p.inChannel()).isTrue();
            assertThat(p.text()).isEqualTo("answer: 42");
        });
        assertThat(fake.responses("approve")).singleElement().satisfies(p -> {
            assertThat(p.replaceOriginal()).isTrue();
            assertThat(p.responseType()).isEqualTo("ephemeral");
            assertThat(p.blocksJson()).contains("*approved*");
        });
        assertThat(fake.responses("unused")).isEmpty();
        assertThat(fake.ledger().calls(FakeSlack.RESPONSE_URL_CALL)).hasSize(2);
    }

    @Test
    void badPostsAreRejectedLikeSlackAndNotRecorded() throws Exception {
        String url = fake.responseUrl("/ask");

        WebhookResponse notJson = slack.send(url, "not json");
        WebhookResponse empty = slack.send(url, "{\"response_type\":\"in_channel\"}");
        WebhookResponse unknown = slack.send("http://127.0.0.1:" + fake.port() + "/_response/R9999999999", "{\"text\":\"x\"}");
        WebhookResponse delete = slack.send(url, "{\"delete_original\":true}");

        assertThat(notJson.getCode()).isEqualTo(400);
        assertThat(notJson.getBody()).isEqualTo("invalid_payload");
        assertThat(empty.getCode()).isEqualTo(400);
        assertThat(empty.getBody()).isEqualTo("no_text");
        assertThat(unknown.getCode()).isEqualTo(404);
        assertThat(unknown.getBody()).isEqualTo("no_service");
        assertThat(delete.getCode()).isEqualTo(200);
        assertThat(fake.responses("/ask")).singleElement().satisfies(p -> assertThat(p.deleteOriginal()).isTrue());
        assertThat(fake.calls(FakeSlack.RESPONSE_URL_CALL)).extracting(SlackCall::error)
                .containsExactly("invalid_payload", "no_text", "no_service", null);
    }

    @Test
    void resetForgetsPostsButKeepsTheUrls() throws Exception {
        String url = fake.responseUrl("/ask");
        slack.send(url, "{\"text\":\"one\"}");

        fake.reset();

        assertThat(fake.responses("/ask")).isEmpty();
        assertThat(slack.send(url, "{\"text\":\"two\"}").getCode()).isEqualTo(200);
        assertThat(fake.responses("/ask")).extracting(ResponsePost::text).containsExactly("two");
    }
}
