package dev.threadwork.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.threadwork.bridge.SlackPoster;

/** Posts the root message of a session started with {@code /agent new}, and links to threads. */
public final class SlackRootPoster implements SlackPoster {

    private final MethodsClient methods;

    public SlackRootPoster(MethodsClient methods) {
        this.methods = methods;
    }

    @Override
    public String postRoot(String channelId, String text) {
        try {
            ChatPostMessageResponse response = methods.chatPostMessage(r -> r.channel(channelId).text(text)
                    .unfurlLinks(false).unfurlMedia(false));
            if (!response.isOk()) {
                throw new IllegalStateException(response.getError().equals("not_in_channel") || response.getError().equals("channel_not_found")
                        ? "I'm not in this channel; invite me first with /invite"
                        : "Slack refused the message (" + response.getError() + ")");
            }
            return response.getTs();
        } catch (java.io.IOException | com.slack.api.methods.SlackApiException e) {
            throw new IllegalStateException("Slack is not reachable right now", e);
        }
    }

    @Override
    public String permalink(String channelId, String ts) {
        try {
            ChatGetPermalinkResponse response = methods.chatGetPermalink(r -> r.channel(channelId).messageTs(ts));
            if (response.isOk() && response.getPermalink() != null) {
                return "<" + response.getPermalink() + "|thread>";
            }
        } catch (Exception e) {
            // fall through to a plain reference
        }
        return "<#" + channelId + "> (thread " + ts + ")";
    }
}
