package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tier enforcement, driven by a manual clock so no test waits or depends on timing. */
class FakeSlackTierLimitsTest {

    private static final String CHANNEL = "C0TEST0001";

    private final ManualClock clock = new ManualClock();
    private FakeSlack fake;
    private Slack slack;
    private MethodsClient client;

    @BeforeEach
    void start() {
        fake = new FakeSlack(BotIdentity.defaults(), 0, clock).start().enforceSlackTiers(true);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        slack = Slack.getInstance(config);
        client = slack.methods(fake.bot().token());
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void postMessageAllowsASmallBurstPerChannelThenAboutOnePerSecond() throws Exception {
        for (int i = 0; i < RateTier.POST_MESSAGE.burst(); i++) {
            assertThat(client.chatPostMessage(r -> r.channel(CHANNEL).text("burst")).isOk()).isTrue();
        }
        SlackApiException limited = catchThrowableOfType(SlackApiException.class,
                () -> client.chatPostMessage(r -> r.channel(CHANNEL).text("too fast")));
        assertThat(limited.getResponse().code()).isEqualTo(429);
        assertThat(limited.getResponse().header("Retry-After")).isEqualTo("1");
        assertThat(client.chatPostMessage(r -> r.channel("C0OTHER001").text("other channel")).isOk()).isTrue();

        clock.advance(Duration.ofSeconds(1));

        assertThat(client.chatPostMessage(r -> r.channel(CHANNEL).text("paced")).isOk()).isTrue();
        assertThat(fake.ledger().rateLimitedCount()).isEqualTo(1);
        assertThat(fake.workspace().messagesInChannel(CHANNEL)).hasSize(RateTier.POST_MESSAGE.burst() + 1);
    }

    @Test
    void tier3AllowsFiftyPerMinute() throws Exception {
        fake.seedMessage(CHANNEL, "1700000000.000010", null, "U0HUMAN001", "root");
        for (int i = 0; i < 50; i++) {
            assertThat(client.conversationsReplies(r -> r.channel(CHANNEL).ts("1700000000.000010")).isOk()).isTrue();
        }
        SlackApiException limited = catchThrowableOfType(SlackApiException.class,
                () -> client.conversationsReplies(r -> r.channel(CHANNEL).ts("1700000000.000010")));
        assertThat(limited.getResponse().code()).isEqualTo(429);
        assertThat(limited.getResponse().header("Retry-After")).isEqualTo("2");

        clock.advance(Duration.ofMillis(1_200));

        assertThat(client.conversationsReplies(r -> r.channel(CHANNEL).ts("1700000000.000010")).isOk()).isTrue();
        assertThat(fake.ledger().rateLimitedCount("conversations.replies")).isEqualTo(1);
    }

    @Test
    void overriddenTierAppliesToThatMethodOnly() throws Exception {
        fake.overrideTier("auth.test", RateTier.perMinute("test", 1));

        assertThat(client.authTest(r -> r).isOk()).isTrue();
        assertThat(catchThrowableOfType(SlackApiException.class, () -> client.authTest(r -> r)).getResponse().code())
                .isEqualTo(429);
        assertThat(client.usersInfo(r -> r.user(fake.bot().botUserId())).isOk()).isTrue();
    }

    @Test
    void withoutEnforcementNothingIsLimited() throws Exception {
        fake.enforceSlackTiers(false);
        for (int i = 0; i < 10; i++) {
            assertThat(client.chatPostMessage(r -> r.channel(CHANNEL).text("fast")).isOk()).isTrue();
        }
        assertThat(fake.ledger().rateLimitedCount()).isZero();
    }
}
