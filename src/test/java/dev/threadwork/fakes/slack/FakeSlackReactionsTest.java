package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FakeSlackReactionsTest extends FakeSlackSdkTestSupport {

    private static final String TS = "1700000000.000010";

    @Test
    void addTwiceIsAlreadyReactedAndRemoveTwiceIsNoReaction() throws Exception {
        fake.seedMessage(CHANNEL, TS, null, HUMAN, "please look");

        assertThat(client.reactionsAdd(r -> r.channel(CHANNEL).timestamp(TS).name("eyes")).isOk()).isTrue();
        assertThat(client.reactionsAdd(r -> r.channel(CHANNEL).timestamp(TS).name("eyes")).getError()).isEqualTo("already_reacted");
        assertThat(client.reactionsAdd(r -> r.channel(CHANNEL).timestamp(TS).name(":white_check_mark:")).isOk()).isTrue();
        assertThat(fake.reactionNames(CHANNEL, TS)).containsExactly("eyes", "white_check_mark");
        assertThat(fake.reactions(CHANNEL, TS).getFirst().users()).containsExactly(fake.bot().botUserId());

        assertThat(client.reactionsRemove(r -> r.channel(CHANNEL).timestamp(TS).name("eyes")).isOk()).isTrue();
        assertThat(client.reactionsRemove(r -> r.channel(CHANNEL).timestamp(TS).name("eyes")).getError()).isEqualTo("no_reaction");
        assertThat(fake.reactionNames(CHANNEL, TS)).containsExactly("white_check_mark");
        assertThat(fake.calls("reactions.add")).extracting(c -> c.param("name"))
                .containsExactly("eyes", "eyes", ":white_check_mark:");
    }

    @Test
    void reactionOnUnknownMessageIsMessageNotFound() throws Exception {
        assertThat(client.reactionsAdd(r -> r.channel(CHANNEL).timestamp(TS).name("eyes")).getError()).isEqualTo("message_not_found");
    }

    @Test
    void repliesShowReactions() throws Exception {
        fake.seedMessage(CHANNEL, TS, null, HUMAN, "root");
        client.reactionsAdd(r -> r.channel(CHANNEL).timestamp(TS).name("eyes"));

        var replies = client.conversationsReplies(r -> r.channel(CHANNEL).ts(TS));

        assertThat(replies.getMessages().getFirst().getReactions()).singleElement()
                .satisfies(reaction -> {
                    assertThat(reaction.getName()).isEqualTo("eyes");
                    assertThat(reaction.getCount()).isEqualTo(1);
                });
    }
}
