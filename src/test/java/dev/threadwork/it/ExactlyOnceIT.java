package dev.threadwork.it;

import static dev.threadwork.it.Harness.ALICE;
import static dev.threadwork.it.Harness.BOT_USER;
import static dev.threadwork.it.Harness.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadwork.fakes.agents.Scripts;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The known holes of "exactly once", one test each, on one app (restarted where the hole needs it):
 * each asserts what a user would see — every message reaches its session once, every answer shows once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExactlyOnceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private Harness harness;

    @BeforeAll
    void start() throws Exception {
        harness = new Harness("exactly-once");
        harness.agents.script(Scripts.ECHO);
        harness.startApp();
    }

    @AfterAll
    void stop() throws Exception {
        harness.close();
    }

    private String reply(String thread, String text) throws Exception {
        String ts = harness.humanMessage(CHANNEL, thread, ALICE, text);
        assertThat(harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, ts, thread, text))).isEqualTo(200);
        return ts;
    }

    private void awaitAnswers(String thread, String text, int count) {
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [" + ALICE + "]: " + text) >= count);
    }

    @Test
    @Order(1)
    void aSecondIdenticalMessageIsSentEvenWhenItsSendNeededARetry() throws Exception {
        String thread = harness.startThread(ALICE, "ask me twice");
        String session = harness.sessionOf(thread);
        awaitAnswers(thread, "ask me twice", 1);
        reply(thread, "yes");
        awaitAnswers(thread, "yes", 1);

        // The second "yes" fails ambiguously before the API took it: the retry must send it, not find the first.
        harness.agents.failMatching("POST /v1/sessions/" + session + "/events", 1, 500, false);
        reply(thread, "yes");

        await().atMost(WAIT).until(() -> harness.saidTo(session).stream().filter("Alice [U0ALICE001]: yes"::equals).count() == 2);
        awaitAnswers(thread, "yes", 2);
        assertThat(harness.saidTo(session)).containsExactly("Alice [U0ALICE001]: ask me twice", "Alice [U0ALICE001]: yes", "Alice [U0ALICE001]: yes");
    }

    @Test
    @Order(2)
    void aPostWhoseAnswerWasLostAfterSlackExecutedItIsNotPostedAgain() throws Exception {
        String thread = harness.startThread(ALICE, "first words");
        awaitAnswers(thread, "first words", 1);
        await().atMost(WAIT).until(() -> harness.slack.reactionNames(CHANNEL, thread).contains("white_check_mark"));
        long postsOfOneTurn = botPosts(harness, thread);

        harness.slack.loseAnswerNext("chat.postMessage", 2); // the turn's card and its answer
        reply(thread, "lost answer");
        awaitAnswers(thread, "lost answer", 1);
        reply(thread, "after");
        awaitAnswers(thread, "after", 1);

        assertThat(botPosts(harness, thread)).isEqualTo(3 * postsOfOneTurn);
        assertThat(harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [U0ALICE001]: lost answer")).isEqualTo(1);
        assertNoPostDuplicated(harness, thread);
    }

    /** The bot's own messages in a thread. */
    static long botPosts(Harness harness, String thread) {
        return harness.slack.messagesInThread(CHANNEL, thread).stream().filter(m -> m.fromBot()).count();
    }

    /** No two of the bot's messages carry the same effect key: nothing was posted twice. */
    static void assertNoPostDuplicated(Harness harness, String thread) {
        java.util.Map<String, Long> keys = harness.slack.messagesInThread(CHANNEL, thread).stream()
                .filter(m -> m.fromBot())
                .flatMap(m -> m.metadata().stream())
                .map(meta -> meta.path("event_payload").path("key").asText(""))
                .filter(key -> !key.isEmpty())
                .collect(java.util.stream.Collectors.groupingBy(key -> key, java.util.stream.Collectors.counting()));
        assertThat(keys).as("posts per key in thread " + thread).allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    @Order(3)
    void afterARefusedSessionCreateTheNextMentionStartsOne() throws Exception {
        harness.agents.failMatching("POST /v1/sessions", 1, 400, false);
        String thread = harness.startThread(ALICE, "refused once");
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "couldn't start an agent session") == 1);

        String ts = harness.humanMessage(CHANNEL, thread, ALICE, "<@" + BOT_USER + "> try again");
        assertThat(harness.deliver(harness.mentionEvent(CHANNEL, ALICE, ts, thread, "try again"))).isEqualTo(200);

        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [U0ALICE001]: try again") == 1);
        // Started mid-thread, so the thread's earlier messages go along as context: one message, sent once.
        assertThat(harness.saidTo(session)).singleElement().asString().startsWith("Alice [U0ALICE001]: try again");
    }

    @Test
    @Order(4)
    void repliesWithFilesAndRepliesAlsoSentToTheChannelReachTheSession() throws Exception {
        String thread = harness.startThread(ALICE, "files please");
        String session = harness.sessionOf(thread);
        awaitAnswers(thread, "files please", 1);

        String fileTs = harness.humanMessage(CHANNEL, thread, ALICE, "here is the log");
        ObjectNode fileShare = harness.messageEvent(CHANNEL, "channel", ALICE, fileTs, thread, "here is the log")
                .put("subtype", "file_share");
        fileShare.putArray("files").addObject().put("id", "F0LOG00001").put("name", "build.log")
                .put("mimetype", "text/plain").put("size", 12);
        assertThat(harness.deliver(fileShare)).isEqualTo(200);
        awaitAnswers(thread, "here is the log", 1);

        String broadcastTs = harness.humanMessage(CHANNEL, thread, ALICE, "telling everyone");
        ObjectNode broadcast = harness.messageEvent(CHANNEL, "channel", ALICE, broadcastTs, thread, "telling everyone")
                .put("subtype", "thread_broadcast");
        assertThat(harness.deliver(broadcast)).isEqualTo(200);
        awaitAnswers(thread, "telling everyone", 1);

        assertThat(harness.saidTo(session))
                .containsExactly("Alice [U0ALICE001]: files please", "Alice [U0ALICE001]: here is the log", "Alice [U0ALICE001]: telling everyone");
    }

    @Test
    @Order(5)
    void aSlackOutageOfMinutesOnlyDelaysTheAnswer() throws Exception {
        String thread = harness.startThread(ALICE, "before the outage");
        awaitAnswers(thread, "before the outage", 1);

        harness.slack.down(true);
        reply(thread, "during the outage");
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.saidTo(session).contains("Alice [U0ALICE001]: during the outage")
                && harness.agents.session(session).status().equals("idle"));
        // Longer than the old give-up (8 retries, ~92 s): an answer must wait, never be dropped.
        Thread.sleep(Duration.ofSeconds(100).toMillis()); // the outage itself, not a synchronisation
        harness.slack.down(false);

        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [U0ALICE001]: during the outage") == 1);
        reply(thread, "after the outage");
        awaitAnswers(thread, "after the outage", 1);
        assertThat(harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [U0ALICE001]: during the outage")).isEqualTo(1);
    }

    @Test
    @Order(6)
    void aSessionWhoseMessageWasDeliveredButWhoseTurnHadNotStartedIsReattachedAfterAKill() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        harness.agents.script((session, text) -> {
            try {
                go.await(5, TimeUnit.MINUTES); // the turn starts only after the bot was killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Scripts.ECHO.accept(session, text);
        });
        String thread = harness.startThread(ALICE, "slow start");
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.saidTo(session).contains("Alice [U0ALICE001]: slow start"));

        harness.app.kill();
        go.countDown();
        await().atMost(WAIT).until(() -> harness.eventsOfType(session, "session.status_idle") >= 1);
        harness.agents.script(Scripts.ECHO);
        harness.restartApp();

        awaitAnswers(thread, "slow start", 1);
        assertThat(harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [U0ALICE001]: slow start")).isEqualTo(1);
    }
}
