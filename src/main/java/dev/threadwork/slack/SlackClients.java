package dev.threadwork.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.threadwork.config.ThreadworkConfig;

/** The Slack SDK, pointed at {@code SLACK_API_URL} and holding the bot token. */
public final class SlackClients implements AutoCloseable {

    private final Slack slack;
    private final MethodsClient methods;

    public SlackClients(ThreadworkConfig.Slack settings) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl().toString());
        config.setPrettyResponseLoggingEnabled(false);
        // Rate limits are handled by our outbound queue, which honours Retry-After itself.
        config.setFailOnUnknownProperties(false);
        this.slack = Slack.getInstance(config);
        this.methods = slack.methods(settings.botToken().reveal());
    }

    public Slack slack() {
        return slack;
    }

    /** The bot's Web API client. */
    public MethodsClient methods() {
        return methods;
    }

    @Override
    public void close() throws Exception {
        slack.close();
    }
}
