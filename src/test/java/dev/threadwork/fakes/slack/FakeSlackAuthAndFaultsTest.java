package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.slack.api.methods.SlackApiException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class FakeSlackAuthAndFaultsTest extends FakeSlackSdkTestSupport {

    @Test
    void authTestDescribesTheBot() throws Exception {
        var auth = client.authTest(r -> r);

        assertThat(auth.isOk()).isTrue();
        assertThat(auth.getTeamId()).isEqualTo(fake.bot().teamId());
        assertThat(auth.getUserId()).isEqualTo(fake.bot().botUserId());
        assertThat(auth.getBotId()).isEqualTo(fake.bot().botId());
        assertThat(auth.getUser()).isEqualTo(fake.bot().botName());
        assertThat(auth.getTeam()).isEqualTo(fake.bot().teamName());
        assertThat(auth.getUrl()).startsWith("https://").endsWith(".slack.com/");
    }

    @Test
    void wrongTokenIsInvalidAuthAndNothingHappens() throws Exception {
        var response = clientWithToken("xoxb-wrong").chatPostMessage(r -> r.channel(CHANNEL).text("hi"));

        assertThat(response.isOk()).isFalse();
        assertThat(response.getError()).isEqualTo("invalid_auth");
        assertThat(fake.workspace().messagesInChannel(CHANNEL)).isEmpty();
        assertThat(fake.calls("chat.postMessage")).singleElement()
                .satisfies(c -> assertThat(c.error()).isEqualTo("invalid_auth"));
    }

    @Test
    void missingTokenIsNotAuthed() throws Exception {
        HttpResponse<String> response = postForm("auth.test", "", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"ok\":false").contains("\"error\":\"not_authed\"");
    }

    @Test
    void tokenAsFormFieldAndJsonBodiesAreAccepted() throws Exception {
        HttpResponse<String> form = postForm("chat.postMessage",
                "token=" + fake.bot().token() + "&channel=" + CHANNEL + "&text=via+form", null);
        HttpResponse<String> json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fake.apiUrl() + "chat.postMessage"))
                .header("Authorization", "Bearer " + fake.bot().token())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"" + CHANNEL + "\",\"text\":\"via json\","
                        + "\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"json block\"}}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(form.body()).contains("\"ok\":true");
        assertThat(json.body()).contains("\"ok\":true");
        assertThat(fake.workspace().messagesInChannel(CHANNEL)).extracting(FakeMessage::visibleText)
                .containsExactly("via form", "json block");
        assertThat(fake.calls("chat.postMessage").get(1).blocks()).startsWith("[{\"type\":\"section\"");
    }

    @Test
    void unknownMethodIsUnknownMethod() throws Exception {
        HttpResponse<String> response = postForm("chat.sing", "channel=" + CHANNEL, fake.bot().token());

        assertThat(response.body()).contains("\"error\":\"unknown_method\"");
    }

    @Test
    void injected429SurfacesInTheSdkWithRetryAfter() throws Exception {
        fake.rateLimitNext("chat.update", 1, 7);
        String ts = client.chatPostMessage(r -> r.channel(CHANNEL).text("a")).getTs();

        SlackApiException limited = catchThrowableOfType(SlackApiException.class,
                () -> client.chatUpdate(r -> r.channel(CHANNEL).ts(ts).text("b")));

        assertThat(limited.getResponse().code()).isEqualTo(429);
        assertThat(limited.getResponse().header("Retry-After")).isEqualTo("7");
        assertThat(fake.workspace().message(CHANNEL, ts).orElseThrow().text()).isEqualTo("a");
        assertThat(client.chatUpdate(r -> r.channel(CHANNEL).ts(ts).text("b")).isOk()).isTrue();
        assertThat(fake.ledger().rateLimitedCount()).isEqualTo(1);
        assertThat(fake.ledger().rateLimitedCount("chat.update")).isEqualTo(1);
    }

    @Test
    void injected429ForAnyMethodHitsTheNextCallsWhateverTheyAre() throws Exception {
        fake.rateLimitNext("*", 2, 1);

        assertThat(catchThrowableOfType(SlackApiException.class, () -> client.authTest(r -> r)).getResponse().code()).isEqualTo(429);
        assertThat(catchThrowableOfType(SlackApiException.class,
                () -> client.chatPostMessage(r -> r.channel(CHANNEL).text("x"))).getResponse().code()).isEqualTo(429);
        assertThat(client.authTest(r -> r).isOk()).isTrue();
    }

    @Test
    void injectedErrorIsAnsweredInsteadOfTheCall() throws Exception {
        fake.failNext("chat.postMessage", 1, "channel_not_found");

        assertThat(client.chatPostMessage(r -> r.channel(CHANNEL).text("x")).getError()).isEqualTo("channel_not_found");
        assertThat(client.chatPostMessage(r -> r.channel(CHANNEL).text("x")).isOk()).isTrue();
    }

    private HttpResponse<String> postForm(String method, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.apiUrl() + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
