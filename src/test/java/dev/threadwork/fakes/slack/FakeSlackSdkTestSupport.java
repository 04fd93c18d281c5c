package dev.threadwork.fakes.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a fresh fake per test and points the real Slack SDK client at it. */
abstract class FakeSlackSdkTestSupport {

    static final String CHANNEL = "C0TEST0001";
    static final String HUMAN = "U0HUMAN001";

    FakeSlack fake;
    Slack slack;
    MethodsClient client;

    @BeforeEach
    void startFake() {
        fake = new FakeSlack().start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        slack = Slack.getInstance(config);
        client = slack.methods(fake.bot().token());
    }

    @AfterEach
    void stopFake() throws Exception {
        slack.close();
        fake.close();
    }

    MethodsClient clientWithToken(String token) {
        return slack.methods(token);
    }
}
