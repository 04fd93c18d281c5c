package dev.threadwork.it;

import static dev.threadwork.it.Harness.ALICE;
import static dev.threadwork.it.Harness.BOB;
import static dev.threadwork.it.Harness.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadwork.fakes.agents.Scripts;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One Slack thread is one agent session: starting, continuing, attribution, dedupe, context, DMs, outages. */
class ConversationIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Harness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new Harness("conversation").startApp();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    void aMentionStartsASessionAndTheAnswerAppearsInTheThreadOnce() throws Exception {
        String thread = harness.startThread(ALICE, "fix the flaky test");
        String session = harness.sessionOf(thread);

        assertThat(harness.agents.session(session).agent()).isEqualTo("agent_default");
        assertThat(harness.agents.session(session).environment()).isEqualTo("env_default");
        assertThat(harness.agents.session(session).title()).isEqualTo("fix the flaky test");
        await().atMost(WAIT).until(() -> harness.agents.userMessages(session).size() == 1);
        assertThat(harness.spoken(session)).containsExactly("Alice [U0ALICE001]: fix the flaky test");

        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [U0ALICE001]: fix the flaky test") == 1);
        await().atMost(WAIT).until(() -> harness.slack.reactionNames(CHANNEL, thread).contains("white_check_mark"));
        assertThat(harness.slack.countInThread(CHANNEL, thread, "Done")).isEqualTo(1);
        assertThat(harness.slack.visibleTextsInThread(CHANNEL, thread)).anyMatch(text -> text.contains("tokens") && text.contains("$"));
    }

    @Test
    void repliesInABoundThreadGoToTheSameSessionAttributedByNameAndBotsAreIgnored() throws Exception {
        String thread = harness.startThread(ALICE, "write release notes");
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [U0ALICE001]: write release notes") == 1);

        String reply = harness.humanMessage(CHANNEL, thread, BOB, "include the parser fix");
        assertThat(harness.deliver(harness.messageEvent(CHANNEL, "channel", BOB, reply, thread, "include the parser fix")))
                .isEqualTo(200);
        ObjectNode fromBot = harness.messageEvent(CHANNEL, "channel", null, harness.slack.nextTs(), thread, "I am a bot");
        fromBot.remove("user");
        fromBot.put("bot_id", "B0OTHER001");
        assertThat(harness.deliver(fromBot)).isEqualTo(200);
        ObjectNode edit = harness.messageEvent(CHANNEL, "channel", BOB, harness.slack.nextTs(), thread, "edited");
        edit.put("subtype", "message_changed");
        assertThat(harness.deliver(edit)).isEqualTo(200);

        await().atMost(WAIT).until(() -> harness.agents.userMessages(session).size() == 2);
        assertThat(harness.spoken(session)).containsExactly("Alice [U0ALICE001]: write release notes",
                "Bob [U0BOB00001]: include the parser fix");
        // Received: 👀 on the reply, then ✅ when the turn it started is done.
        await().atMost(WAIT).until(() -> harness.slack.calls("reactions.add").stream()
                .anyMatch(call -> reply.equals(call.param("timestamp")) && "eyes".equals(call.param("name"))));
        await().atMost(WAIT).until(() -> harness.slack.reactionNames(CHANNEL, reply).contains("white_check_mark"));
        assertThat(harness.agents.sessionIds()).filteredOn(id -> thread.equals(
                harness.agents.session(id).metadata().path("slack_thread_ts").asText())).hasSize(1);
    }

    @Test
    void slackRetriesAndDoubleDeliveriesMakeNoSecondSessionOrMessage() throws Exception {
        String ts = harness.humanMessage(CHANNEL, null, ALICE, "<@U0BOT00001> count the TODOs");
        String body = harness.envelope(harness.mentionEvent(CHANNEL, ALICE, ts, null, "count the TODOs"), harness.newEventId());
        assertThat(harness.deliver(body, Map.of())).isEqualTo(200);
        assertThat(harness.deliver(body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"))).isEqualTo(200);
        // Slack also sends the same mention as a plain channel message.
        assertThat(harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, ts, null, "<@U0BOT00001> count the TODOs")))
                .isEqualTo(200);

        String session = harness.sessionOf(ts);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, ts, "Echo:") == 1);
        assertThat(harness.spoken(session)).containsExactly("Alice [U0ALICE001]: count the TODOs");
        assertThat(harness.agents.sessionIds()).filteredOn(id -> ts.equals(
                harness.agents.session(id).metadata().path("slack_thread_ts").asText())).hasSize(1);
    }

    @Test
    void aMentionInsideAnExistingThreadCarriesItsEarlierMessages() throws Exception {
        String root = harness.humanMessage(CHANNEL, null, ALICE, "the nightly build fails since Monday");
        harness.humanMessage(CHANNEL, root, BOB, "looks like the parser change");
        String mention = harness.humanMessage(CHANNEL, root, ALICE, "<@U0BOT00001> please investigate");
        assertThat(harness.deliver(harness.mentionEvent(CHANNEL, ALICE, mention, root, "please investigate"))).isEqualTo(200);

        String session = harness.sessionOf(root);
        await().atMost(WAIT).until(() -> harness.agents.userMessages(session).size() == 1);
        String first = harness.agents.userMessages(session).getFirst();
        assertThat(first).startsWith("Alice [U0ALICE001]: please investigate")
                .contains("Earlier messages in this Slack thread (oldest first)")
                .contains("Alice [U0ALICE001]: the nightly build fails since Monday\nBob [U0BOB00001]: looks like the parser change");
    }

    @Test
    void aLiveAnswerIsEditedInPlaceAndEndsAsTheAuthoritativeText() throws Exception {
        harness.agents.script(Scripts.TOOL_THEN_ANSWER);
        try {
            String thread = harness.startThread(ALICE, "run the tests");
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    harness.slack.countInThread(CHANNEL, thread, "All tests pass. *Done* with: Alice [U0ALICE001]: run the tests"))
                    .as("thread shows %s; posts %s; updates %s", harness.slack.visibleTextsInThread(CHANNEL, thread),
                            harness.slack.calls("chat.postMessage"), harness.slack.calls("chat.update"))
                    .isEqualTo(1));
            assertThat(harness.slack.countInThread(CHANNEL, thread, "All tests pass")).isEqualTo(1);
        } finally {
            harness.agents.script(Scripts.ECHO);
        }
    }

    @Test
    void aDirectMessageStartsASession() throws Exception {
        String dm = "D0DIRECT01";
        String ts = harness.humanMessage(dm, null, ALICE, "summarise yesterday's incidents");
        assertThat(harness.deliver(harness.messageEvent(dm, "im", ALICE, ts, null, "summarise yesterday's incidents")))
                .isEqualTo(200);

        String session = harness.sessionOf(ts);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(dm, ts, "Echo: Alice [U0ALICE001]: summarise yesterday's incidents") == 1);
        assertThat(harness.spoken(session)).containsExactly("Alice [U0ALICE001]: summarise yesterday's incidents");
    }

    @Test
    void whileTheAgentsApiIsDownMessagesWaitAndArriveLaterInOrder() throws Exception {
        harness.agents.script(Scripts.ECHO);
        String thread = harness.startThread(ALICE, "first task");
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [U0ALICE001]: first task") == 1);

        harness.agents.outage(true);
        try {
            for (String text : new String[] {"one", "two", "three"}) {
                String ts = harness.humanMessage(CHANNEL, thread, BOB, text);
                assertThat(harness.deliver(harness.messageEvent(CHANNEL, "channel", BOB, ts, thread, text))).isEqualTo(200);
            }
            await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "saved and will be delivered") == 1);
            assertThat(harness.spoken(session)).containsExactly("Alice [U0ALICE001]: first task");
        } finally {
            harness.agents.outage(false);
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> harness.agents.userMessages(session).size() == 4);
        assertThat(harness.spoken(session)).containsExactly("Alice [U0ALICE001]: first task", "Bob [U0BOB00001]: one", "Bob [U0BOB00001]: two", "Bob [U0BOB00001]: three");
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Echo: Bob [U0BOB00001]: three") == 1);
    }
}
