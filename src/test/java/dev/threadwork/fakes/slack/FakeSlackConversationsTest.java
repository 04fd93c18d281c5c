package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.Message;
import org.junit.jupiter.api.Test;

class FakeSlackConversationsTest extends FakeSlackSdkTestSupport {

    private static final String ROOT = "1700000000.000010";

    @Test
    void repliesReturnSeededAndPostedMessagesInTsOrder() throws Exception {
        fake.seedMessage(CHANNEL, ROOT, null, HUMAN, "@threadwork fix the build");
        fake.seedMessage(CHANNEL, "1700000000.000020", ROOT, HUMAN, "it fails on CI");
        String botReply = client.chatPostMessage(r -> r.channel(CHANNEL).threadTs(ROOT).text("on it")).getTs();
        fake.seedMessage(CHANNEL, fake.nextTs(), ROOT, HUMAN, "thanks");
        fake.seedMessage(CHANNEL, "1700000000.000030", null, HUMAN, "unrelated top-level");

        var replies = client.conversationsReplies(r -> r.channel(CHANNEL).ts(ROOT));

        assertThat(replies.isOk()).isTrue();
        assertThat(replies.getMessages()).extracting(Message::getText)
                .containsExactly("@threadwork fix the build", "it fails on CI", "on it", "thanks");
        assertThat(replies.getMessages()).extracting(Message::getThreadTs).containsOnly(ROOT);
        assertThat(replies.getMessages().get(2).getTs()).isEqualTo(botReply);
        assertThat(replies.getMessages().get(2).getBotId()).isEqualTo(fake.bot().botId());
        assertThat(replies.getMessages().get(1).getBotId()).isNull();
        assertThat(replies.getMessages().getFirst().getReplyCount()).isEqualTo(3);
        assertThat(replies.isHasMore()).isFalse();
    }

    @Test
    void repliesPaginateWithCursor() throws Exception {
        fake.seedMessage(CHANNEL, ROOT, null, HUMAN, "root");
        for (int i = 0; i < 4; i++) {
            int n = i;
            client.chatPostMessage(r -> r.channel(CHANNEL).threadTs(ROOT).text("reply " + n));
        }

        var first = client.conversationsReplies(r -> r.channel(CHANNEL).ts(ROOT).limit(3));
        var second = client.conversationsReplies(r -> r.channel(CHANNEL).ts(ROOT).limit(3)
                .cursor(first.getResponseMetadata().getNextCursor()));

        assertThat(first.isHasMore()).isTrue();
        assertThat(first.getMessages()).extracting(Message::getText).containsExactly("root", "reply 0", "reply 1");
        assertThat(second.isHasMore()).isFalse();
        assertThat(second.getMessages()).extracting(Message::getText).containsExactly("reply 2", "reply 3");
    }

    @Test
    void repliesOfUnknownThreadOrChannelFail() throws Exception {
        fake.seedMessage(CHANNEL, ROOT, null, HUMAN, "root");

        assertThat(client.conversationsReplies(r -> r.channel(CHANNEL).ts("1700000009.000000")).getError())
                .isEqualTo("thread_not_found");
        assertThat(client.conversationsReplies(r -> r.channel("C0NOWHERE1").ts(ROOT)).getError())
                .isEqualTo("channel_not_found");
    }

    @Test
    void conversationsInfoDescribesSeededChannels() throws Exception {
        fake.addChannel("C0PRIV0001", "secret-project", true);

        var info = client.conversationsInfo(r -> r.channel("C0PRIV0001"));

        assertThat(info.isOk()).isTrue();
        assertThat(info.getChannel().getId()).isEqualTo("C0PRIV0001");
        assertThat(info.getChannel().getName()).isEqualTo("secret-project");
        assertThat(info.getChannel().isPrivate()).isTrue();
        assertThat(client.conversationsInfo(r -> r.channel("C0NOWHERE1")).getError()).isEqualTo("channel_not_found");
    }

    @Test
    void usersInfoAnswersSeededUsers() throws Exception {
        fake.addUser(HUMAN, "ada", "Ada Lovelace", false);

        var info = client.usersInfo(r -> r.user(HUMAN));

        assertThat(info.isOk()).isTrue();
        assertThat(info.getUser().getId()).isEqualTo(HUMAN);
        assertThat(info.getUser().getRealName()).isEqualTo("Ada Lovelace");
        assertThat(info.getUser().getProfile().getDisplayName()).isEqualTo("ada");
        assertThat(info.getUser().getProfile().getRealName()).isEqualTo("Ada Lovelace");
        assertThat(info.getUser().isBot()).isFalse();
        assertThat(client.usersInfo(r -> r.user("U0NOBODY01")).getError()).isEqualTo("user_not_found");
    }
}
