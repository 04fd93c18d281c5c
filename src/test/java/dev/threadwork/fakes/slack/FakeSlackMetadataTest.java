package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.model.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeSlackMetadataTest extends FakeSlackSdkTestSupport {

    private static Message.Metadata render(String key) {
        return Message.Metadata.builder().eventType("threadwork_render").eventPayload(Map.of("key", key)).build();
    }

    @Test
    void metadataIsStoredAndReturnedByRepliesOnlyWhenAskedFor() throws Exception {
        String root = client.chatPostMessage(r -> r.channel(CHANNEL).text("root")).getTs();
        var posted = client.chatPostMessage(r -> r.channel(CHANNEL).threadTs(root).text("answer").metadata(render("k1")));
        assertThat(posted.isOk()).isTrue();

        var withMetadata = client.conversationsReplies(r -> r.channel(CHANNEL).ts(root).includeAllMetadata(true));
        assertThat(withMetadata.isOk()).isTrue();
        assertThat(withMetadata.getMessages()).hasSize(2);
        assertThat(withMetadata.getMessages().getFirst().getMetadata()).isNull();
        Message reply = withMetadata.getMessages().get(1);
        assertThat(reply.getTs()).isEqualTo(posted.getTs());
        assertThat(reply.getMetadata().getEventType()).isEqualTo("threadwork_render");
        assertThat(reply.getMetadata().getEventPayload().get("key")).isEqualTo("k1");

        var withoutFlag = client.conversationsReplies(r -> r.channel(CHANNEL).ts(root));
        assertThat(withoutFlag.getMessages()).allSatisfy(m -> assertThat(m.getMetadata()).isNull());
        var flagFalse = client.conversationsReplies(r -> r.channel(CHANNEL).ts(root).includeAllMetadata(false));
        assertThat(flagFalse.getMessages()).allSatisfy(m -> assertThat(m.getMetadata()).isNull());

        FakeMessage stored = fake.workspace().message(CHANNEL, posted.getTs()).orElseThrow();
        assertThat(stored.metadata()).hasValueSatisfying(m -> {
            assertThat(m.path("event_type").asText()).isEqualTo("threadwork_render");
            assertThat(m.path("event_payload").path("key").asText()).isEqualTo("k1");
        });
        assertThat(stored.metadataEventType()).contains("threadwork_render");
        assertThat(fake.workspace().message(CHANNEL, root).orElseThrow().metadata()).isEmpty();
    }

    @Test
    void metadataAsStringAndAsJsonBodyFieldAreAccepted() throws Exception {
        String root = client.chatPostMessage(r -> r.channel(CHANNEL).text("root")).getTs();
        String asString = client.chatPostMessage(r -> r.channel(CHANNEL).threadTs(root).text("a")
                .metadataAsString("{\"event_type\":\"threadwork_render\",\"event_payload\":{\"key\":\"k2\"}}")).getTs();
        // Slack also accepts a JSON body; metadata is then a nested object, not a string.
        String body = "{\"channel\":\"" + CHANNEL + "\",\"thread_ts\":\"" + root + "\",\"text\":\"b\","
                + "\"metadata\":{\"event_type\":\"threadwork_render\",\"event_payload\":{\"key\":\"k3\"}}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.apiUrl() + "chat.postMessage"))
                .header("Authorization", "Bearer " + fake.bot().token())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).contains("\"ok\":true");
        }

        var replies = client.conversationsReplies(r -> r.channel(CHANNEL).ts(root).includeAllMetadata(true)).getMessages();
        assertThat(replies).extracting(m -> m.getMetadata() == null ? null : m.getMetadata().getEventPayload().get("key"))
                .containsExactly(null, "k2", "k3");
        assertThat(fake.workspace().message(CHANNEL, asString).orElseThrow().metadata()).isPresent();
    }

    @Test
    void metadataSurvivesUpdatesAndMalformedMetadataIsRejected() throws Exception {
        String ts = client.chatPostMessage(r -> r.channel(CHANNEL).text("v1").metadata(render("k4"))).getTs();
        client.chatUpdate(r -> r.channel(CHANNEL).ts(ts).text("v2"));
        var replies = client.conversationsReplies(r -> r.channel(CHANNEL).ts(ts).includeAllMetadata(true)).getMessages();
        assertThat(replies).singleElement().satisfies(m -> {
            assertThat(m.getText()).isEqualTo("v2");
            assertThat(m.getMetadata().getEventPayload()).containsEntry("key", "k4");
        });

        ChatPostMessageRequest notJson = ChatPostMessageRequest.builder().channel(CHANNEL).text("x")
                .metadataAsString("{not json").build();
        assertThat(client.chatPostMessage(notJson).getError()).isEqualTo("invalid_metadata_format");
        assertThat(client.chatPostMessage(r -> r.channel(CHANNEL).text("x")
                .metadataAsString("{\"event_payload\":{}}")).getError()).isEqualTo("invalid_metadata_format");
        assertThat(fake.workspace().messagesInChannel(CHANNEL)).hasSize(1);
    }
}
