package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.Message;
import com.slack.api.model.assistant.SuggestedPrompt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the assistant pane and the App Home need from the fake: history, prompt and Home view validation. */
class FakeSlackSurfacesTest extends FakeSlackSdkTestSupport {

    private static final String HOME = "{\"type\":\"home\",\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"%s\"}}]}";

    @Test
    void historyReturnsTopLevelMessagesNewestFirstWithPagesAndRefusesChannelsWithoutTheBot() throws Exception {
        fake.addChannel(CHANNEL, "incidents", false);
        fake.seedMessage(CHANNEL, "1700000000.000010", null, HUMAN, "deploy failed");
        fake.seedMessage(CHANNEL, "1700000000.000020", "1700000000.000010", HUMAN, "a reply, not in history");
        fake.seedMessage(CHANNEL, "1700000000.000030", null, HUMAN, "rolled back");
        fake.seedMessage(CHANNEL, "1700000000.000040", null, HUMAN, "all green");

        var first = client.conversationsHistory(r -> r.channel(CHANNEL).limit(2));
        assertThat(first.isOk()).isTrue();
        assertThat(first.getMessages()).extracting(Message::getText).containsExactly("all green", "rolled back");
        assertThat(first.isHasMore()).isTrue();
        var second = client.conversationsHistory(r -> r.channel(CHANNEL).limit(2)
                .cursor(first.getResponseMetadata().getNextCursor()));
        assertThat(second.getMessages()).extracting(Message::getText).containsExactly("deploy failed");
        assertThat(second.getMessages().getFirst().getReplyCount()).isEqualTo(1);

        fake.workspace().removeBotFrom(CHANNEL);
        assertThat(client.conversationsHistory(r -> r.channel(CHANNEL)).getError()).isEqualTo("not_in_channel");
        assertThat(client.conversationsInfo(r -> r.channel(CHANNEL)).getChannel().isMember()).isFalse();
        assertThat(client.conversationsHistory(r -> r.channel("C0NOWHERE1")).getError()).isEqualTo("channel_not_found");
    }

    @Test
    void suggestedPromptsNeedATitleAndAMessageEachAndAtMostFour() throws Exception {
        String thread = "1700000000.000100";
        var ok = client.assistantThreadsSetSuggestedPrompts(r -> r.channelId("D0PANE0001").threadTs(thread).title("Try:")
                .prompts(List.of(new SuggestedPrompt("Summarise", "Summarise the channel"))));
        assertThat(ok.isOk()).isTrue();
        var untitled = client.assistantThreadsSetSuggestedPrompts(r -> r.channelId("D0PANE0001").threadTs(thread)
                .prompts(List.of(new SuggestedPrompt("", "no title"))));
        assertThat(untitled.getError()).isEqualTo("invalid_arguments");
        var five = client.assistantThreadsSetSuggestedPrompts(r -> r.channelId("D0PANE0001").threadTs(thread)
                .prompts(List.of(SuggestedPrompt.create("1"), SuggestedPrompt.create("2"), SuggestedPrompt.create("3"),
                        SuggestedPrompt.create("4"), SuggestedPrompt.create("5"))));
        assertThat(five.getError()).isEqualTo("invalid_arguments");
        assertThat(fake.workspace().assistantUpdates("D0PANE0001", thread)).hasSize(1);
    }

    @Test
    void publishNeedsAKnownUserAHomeViewWithinLimitsAndTheHomeTab() throws Exception {
        fake.addUser(HUMAN, "Human", "Human Example", false);
        assertThat(client.viewsPublish(r -> r.userId("U0NOBODY01").viewAsString(HOME.formatted("x"))).getError())
                .isEqualTo("invalid_arguments");
        assertThat(client.viewsPublish(r -> r.userId(HUMAN).viewAsString(HOME.replace("home", "modal").formatted("x"))).getError())
                .isEqualTo("invalid_arguments");
        StringBuilder tooMany = new StringBuilder("{\"type\":\"home\",\"blocks\":[");
        for (int i = 0; i < 101; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"type\":\"divider\"}");
        }
        assertThat(client.viewsPublish(r -> r.userId(HUMAN).viewAsString(tooMany + "]}")).getError()).isEqualTo("invalid_arguments");

        var first = client.viewsPublish(r -> r.userId(HUMAN).viewAsString(HOME.formatted("one")));
        var second = client.viewsPublish(r -> r.userId(HUMAN).viewAsString(HOME.formatted("two")));
        assertThat(second.isOk()).isTrue();
        assertThat(second.getView().getId()).isEqualTo(first.getView().getId());
        assertThat(fake.workspace().homeView(HUMAN).orElseThrow().viewJson()).contains("two");
        assertThat(fake.workspace().homeView(HUMAN).orElseThrow().version()).isEqualTo(2);

        fake.workspace().homeTabEnabled(false);
        assertThat(client.viewsPublish(r -> r.userId(HUMAN).viewAsString(HOME.formatted("x"))).getError()).isEqualTo("not_enabled");
    }
}
