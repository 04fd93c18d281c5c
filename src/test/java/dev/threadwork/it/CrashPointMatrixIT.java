package dev.threadwork.it;

import static dev.threadwork.it.Harness.ALICE;
import static dev.threadwork.it.Harness.BOT_USER;
import static dev.threadwork.it.Harness.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadwork.fakes.agents.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The crash-point matrix: the app is halted (as by {@code kill -9}) at a named point of an effect —
 * before the call, after the call but before its commit, after the commit — with a fault injected,
 * then started again. Each cell asserts that no message was lost, none sent twice, no post
 * duplicated, and that the thread still works. The table of results goes to
 * {@code target/crash-point-matrix.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashPointMatrixIT {

    private static final String CRASH_AT = "THREADWORK_TEST_CRASH_AT";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String LONG_ANSWER = longAnswer();

    private Harness harness;
    private final List<String> rows = new ArrayList<>();

    @BeforeAll
    void start() {
        harness = new Harness("crash-matrix");
        harness.agents.script(Scripts.ECHO);
    }

    @AfterAll
    void stop() throws Exception {
        harness.close();
        StringBuilder table = new StringBuilder("| crash point | fault | lost | sent twice | posts duplicated | recovered after |\n"
                + "|---|---|---|---|---|---|\n");
        rows.forEach(row -> table.append(row).append('\n'));
        Files.writeString(Path.of("target", "crash-point-matrix.md"), table);
        System.out.println(table);
    }

    /** Starts the app armed to halt at {@code point}, runs {@code trigger}, waits for the halt. */
    private void crashAt(String point, ThrowingRunnable trigger) throws Exception {
        if (harness.app != null && harness.app.alive()) {
            harness.app.stop(Duration.ofSeconds(60));
        }
        harness.env(CRASH_AT, point);
        if (harness.app == null) {
            harness.startApp();
        } else {
            harness.restartApp();
        }
        try {
            trigger.run();
        } catch (java.io.IOException e) {
            // the app halted while answering a delivery: Slack would retry it, as the cells below do
        }
        assertThat(harness.app.awaitExit(WAIT)).as("halted at " + point).isEqualTo(137);
        harness.withoutEnv(CRASH_AT);
    }

    private Instant restart() throws Exception {
        Instant at = Instant.now();
        harness.restartApp();
        return at;
    }

    private void record(String point, String fault, String thread, String session, List<String> expectedMessages,
                        Instant restartedAt) {
        long seconds = Duration.between(restartedAt, Instant.now()).toSeconds();
        List<String> got = harness.agents.userMessages(session);
        long lost = expectedMessages.stream().filter(m -> !got.contains(m)).count();
        long twice = got.size() - got.stream().distinct().count();
        ExactlyOnceIT.assertNoPostDuplicated(harness, thread);
        rows.add("| " + point + " | " + fault + " | " + lost + " | " + twice + " | 0 | " + seconds + " s (from restart) |");
        assertThat(got).containsExactlyElementsOf(expectedMessages);
    }

    private String reply(String thread, String text) throws Exception {
        String ts = harness.humanMessage(CHANNEL, thread, ALICE, text);
        assertThat(harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, ts, thread, text))).isEqualTo(200);
        return ts;
    }

    private void awaitEcho(String thread, String text) {
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Echo: Alice: " + text) == 1);
    }

    /** The thread still works: one more message, one more answer. */
    private void stillUsable(String thread) throws Exception {
        reply(thread, "still there?");
        awaitEcho(thread, "still there?");
    }

    @Test
    @Order(1)
    void sessionCreateAfterTheCallBeforeTheBindingCommit() throws Exception {
        String[] thread = new String[1];
        crashAt("create.after", () -> thread[0] = harness.startThread(ALICE, "create then crash"));
        Instant restarted = restart();
        awaitEcho(thread[0], "create then crash");
        long sessions = harness.agents.sessionIds().stream()
                .filter(id -> thread[0].equals(harness.agents.session(id).metadata().path("slack_thread_ts").asText())).count();
        assertThat(sessions).as("sessions for the thread").isEqualTo(1);
        stillUsable(thread[0]);
        record("create.after", "none", thread[0], harness.sessionOf(thread[0]),
                List.of("Alice: create then crash", "Alice: still there?"), restarted);
    }

    @Test
    @Order(2)
    void eventSendAfterTheCallBeforeTheCommit() throws Exception {
        String[] thread = new String[1];
        crashAt("send.after", () -> thread[0] = harness.startThread(ALICE, "send then crash"));
        Instant restarted = restart();
        awaitEcho(thread[0], "send then crash");
        stillUsable(thread[0]);
        record("send.after", "none", thread[0], harness.sessionOf(thread[0]),
                List.of("Alice: send then crash", "Alice: still there?"), restarted);
    }

    @Test
    @Order(3)
    void eventSendBeforeTheCallWithTheApiDownAtRestart() throws Exception {
        String[] thread = new String[1];
        crashAt("send.before", () -> thread[0] = harness.startThread(ALICE, "api down after crash"));
        harness.agents.outage(true);
        Instant restarted = Instant.now();
        harness.restartApp();
        Thread.sleep(Duration.ofSeconds(20).toMillis()); // the outage itself, not a synchronisation
        harness.agents.outage(false);
        awaitEcho(thread[0], "api down after crash");
        stillUsable(thread[0]);
        record("send.before", "API down 20 s", thread[0], harness.sessionOf(thread[0]),
                List.of("Alice: api down after crash", "Alice: still there?"), restarted);
    }

    @Test
    @Order(4)
    void multiPartAnswerAfterTheSecondPartBeforeItsCommit() throws Exception {
        harness.agents.script((session, text) -> {
            session.running();
            session.text(LONG_ANSWER);
            session.idle("end_turn");
        });
        String[] thread = new String[1];
        // Posts in the turn: the card, then the parts of the answer; halt after Slack took part 2, before its commit.
        crashAt("post.after@3", () -> thread[0] = harness.startThread(ALICE, "a long answer please"));
        harness.agents.script(Scripts.ECHO);
        Instant restarted = restart();
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread[0], "PARAGRAPH-3") == 1);
        assertThat(harness.slack.countInThread(CHANNEL, thread[0], "PARAGRAPH-1")).isEqualTo(1);
        assertThat(harness.slack.countInThread(CHANNEL, thread[0], "PARAGRAPH-2")).isEqualTo(1);
        stillUsable(thread[0]);
        record("post.after (part 2 of 3)", "none", thread[0], harness.sessionOf(thread[0]),
                List.of("Alice: a long answer please", "Alice: still there?"), restarted);
    }

    @Test
    @Order(5)
    void answerPostBeforeItsCommitWithSlackLosingTheAnswerAndStreamsCut() throws Exception {
        harness.agents.cutStreamsAfter(2);
        String[] thread = new String[1];
        crashAt("post.after@2", () -> {
            thread[0] = harness.startThread(ALICE, "lossy slack");
            harness.slack.loseAnswerNext("chat.postMessage", 1);
        });
        Instant restarted = restart();
        awaitEcho(thread[0], "lossy slack");
        stillUsable(thread[0]);
        harness.agents.cutStreamsAfter(-1);
        record("post.after (answer)", "Slack answer lost + stream cut every 2 events", thread[0], harness.sessionOf(thread[0]),
                List.of("Alice: lossy slack", "Alice: still there?"), restarted);
    }

    @Test
    @Order(6)
    void keywordCommandClaimedButNotActedOn() throws Exception {
        String thread = harness.startThread(ALICE, "keyword target");
        String session = harness.sessionOf(thread);
        awaitEcho(thread, "keyword target");
        crashAt("control.before", () -> {
            String ts = harness.humanMessage(CHANNEL, thread, ALICE, "<@" + BOT_USER + "> end");
            harness.deliver(harness.mentionEvent(CHANNEL, ALICE, ts, thread, "end"));
        });
        Instant restarted = restart();
        await().atMost(WAIT).until(() -> harness.agents.session(session).archived());
        rows.add("| control.before (`@bot end`) | none | 0 | 0 | 0 | "
                + Duration.between(restarted, Instant.now()).toSeconds() + " s (from restart) |");
        ExactlyOnceIT.assertNoPostDuplicated(harness, thread);
    }

    @Test
    @Order(7)
    void duplicateAndOutOfOrderSlackDeliveriesAfterACrashAfterTheCommit() throws Exception {
        String thread = harness.startThread(ALICE, "ordering");
        awaitEcho(thread, "ordering");
        String first = harness.humanMessage(CHANNEL, thread, ALICE, "one");
        String second = harness.humanMessage(CHANNEL, thread, ALICE, "two");
        crashAt("send.committed", () -> {
            // "two" arrives before "one", and both twice (Slack retries and redelivers).
            harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, second, thread, "two"));
            harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, first, thread, "one"));
            harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, second, thread, "two"));
        });
        Instant restarted = restart();
        harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, first, thread, "one"));
        awaitEcho(thread, "one");
        awaitEcho(thread, "two");
        stillUsable(thread);
        List<String> got = harness.agents.userMessages(harness.sessionOf(thread));
        assertThat(got).containsOnlyOnce("Alice: one", "Alice: two");
        record("send.committed", "duplicate + out-of-order deliveries", thread, harness.sessionOf(thread), got, restarted);
    }

    private static String longAnswer() {
        StringBuilder text = new StringBuilder();
        for (int p = 1; p <= 3; p++) {
            text.append("PARAGRAPH-").append(p).append(' ');
            text.append("word ".repeat(2_100)).append("\n\n");
        }
        return text.toString();
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
