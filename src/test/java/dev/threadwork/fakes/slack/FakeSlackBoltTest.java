package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.model.event.AppMentionEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bolt itself (auth.test on first request, ctx.client()) works against the fake. */
class FakeSlackBoltTest extends FakeSlackSdkTestSupport {

    private static final String SECRET = "test-signing-secret";

    @Test
    void boltAppAuthenticatesAndRepliesInTheThread() throws Exception {
        App app = new App(AppConfig.builder().singleTeamBotToken(fake.bot().token()).signingSecret(SECRET).slack(slack).build());
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            AppMentionEvent event = payload.getEvent();
            ctx.client().chatPostMessage(r -> r.channel(event.getChannel()).threadTs(event.getTs()).text("on it"));
            return ctx.ack();
        });
        fake.seedMessage(CHANNEL, "1700000000.000010", null, HUMAN, "<@" + fake.bot().botUserId() + "> hi");
        String body = "{\"token\":\"legacy\",\"team_id\":\"" + fake.bot().teamId() + "\",\"api_app_id\":\"" + fake.bot().appId()
                + "\",\"type\":\"event_callback\",\"event_id\":\"Ev0001\",\"event_time\":1700000000,\"event\":{"
                + "\"type\":\"app_mention\",\"user\":\"" + HUMAN + "\",\"text\":\"<@" + fake.bot().botUserId() + "> hi\","
                + "\"ts\":\"1700000000.000010\",\"channel\":\"" + CHANNEL + "\",\"event_ts\":\"1700000000.000010\"}}";
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = new SlackSignature.Generator(SECRET).generate(timestamp, body);
        RequestHeaders headers = new RequestHeaders(Map.of(
                "content-type", List.of("application/json"),
                "x-slack-request-timestamp", List.of(timestamp),
                "x-slack-signature", List.of(signature)));

        var response = app.run(new EventRequest(body, headers));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(fake.calls("auth.test")).isNotEmpty().allMatch(SlackCall::ok);
        assertThat(fake.countInThread(CHANNEL, "1700000000.000010", "on it")).isEqualTo(1);
    }
}
