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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The crash-point matrix: the packaged app is halted (as by {@code kill -9}; {@code Runtime.halt}
 * through the test-only {@code THREADWORK_TEST_CRASH_AT}) at a named point of an effect — before the
 * call, after the call but before its commit, after the commit — with a fault injected, and started
 * again. To keep CI time down the cells are chained: each restart recovers the previous cell and is
 * armed for the next one, at a point the recovery does not pass. Each cell asserts 0 messages lost,
 * 0 sent twice, 0 posts duplicated, and every thread takes one more message at the end. The result
 * table goes to {@code target/crash-point-matrix.md} and the test output.
 */
class CrashPointMatrixIT {

    private static final String CRASH_AT = "THREADWORK_TEST_CRASH_AT";
    private static final Duration WAIT = Duration.ofSeconds(120);

    private Harness harness;
    private final List<String> rows = new ArrayList<>();
    /** Thread ts → the user messages its session must have received, each exactly once, in order. */
    private final Map<String, List<String>> expected = new LinkedHashMap<>();

    @AfterEach
    void stop() throws Exception {
        StringBuilder table = new StringBuilder("| crash point | fault | lost | sent twice | posts duplicated | recovered after |\n"
                + "|---|---|---|---|---|---|\n");
        rows.forEach(row -> table.append(row).append('\n'));
        Files.writeString(Path.of("target", "crash-point-matrix.md"), table);
        System.out.println(table);
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyEffectSurvivesAHaltAtEveryPoint() throws Exception {
        harness = new Harness("crash-matrix");
        harness.agents.script(Scripts.ECHO);

        // 1. session create: after the API created it, before the binding commit.
        armed("create.after").startApp();
        String a = harness.startThread(ALICE, "create then crash");
        expected.put(a, new ArrayList<>(List.of("Alice [U0ALICE001]: create then crash")));
        halted("create.after");

        // 2. keyword command: claimed (journaled) but not acted on.
        Instant restarted = restartArmed("control.before");
        awaitEcho(a, "create then crash");
        long sessionsForA = harness.agents.sessionIds().stream()
                .filter(id -> a.equals(harness.agents.session(id).metadata().path("slack_thread_ts").asText())).count();
        row("create.after", "none", a, restarted, sessionsForA == 1 ? "" : sessionsForA + " sessions for the thread");
        String k = harness.startThread(ALICE, "keyword target");
        String kSession = harness.sessionOf(k);
        awaitEcho(k, "keyword target");
        expected.put(k, new ArrayList<>(List.of("Alice [U0ALICE001]: keyword target")));
        quietly(() -> {
            String ts = harness.humanMessage(CHANNEL, k, ALICE, "<@" + BOT_USER + "> end");
            harness.deliver(harness.mentionEvent(CHANNEL, ALICE, ts, k, "end"));
        });
        halted("control.before");

        // 3. event send: after the API took it, before the outbox commit.
        restarted = restartArmed("send.after");
        await().atMost(WAIT).until(() -> harness.agents.session(kSession).archived());
        row("control.before (`@bot end`)", "none (Slack gets no ack)", k, restarted, "");
        String c = harness.startThread(ALICE, "send then crash");
        expected.put(c, new ArrayList<>(List.of("Alice [U0ALICE001]: send then crash")));
        halted("send.after");

        // 4. multi-part answer: after Slack took part 2 of 3, before its commit.
        restarted = restartArmed("post.after.answer.1");
        awaitEcho(c, "send then crash");
        row("send.after", "none", c, restarted, "");
        harness.agents.script((session, text) -> {
            session.running();
            session.text(longAnswer());
            session.idle("end_turn");
        });
        String d = harness.startThread(ALICE, "a long answer please");
        expected.put(d, new ArrayList<>(List.of("Alice [U0ALICE001]: a long answer please")));
        halted("post.after.answer.1");

        // 5. card post: Slack executed it but the answer was lost, streams cut every 2 events; halt before the commit.
        harness.agents.script(Scripts.ECHO);
        restarted = restartArmed("post.after.card");
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, d, "PARAGRAPH-3") == 1);
        row("post.after (answer part 2 of 3)", "none", d, restarted,
                harness.slack.countInThread(CHANNEL, d, "PARAGRAPH-1") == 1 && harness.slack.countInThread(CHANNEL, d, "PARAGRAPH-2") == 1
                        ? "" : "a part is missing or shown twice");
        harness.agents.cutStreamsAfter(2);
        harness.slack.loseAnswerNext("chat.postMessage", 1);
        String e = harness.startThread(ALICE, "lossy slack");
        expected.put(e, new ArrayList<>(List.of("Alice [U0ALICE001]: lossy slack")));
        halted("post.after.card");

        // 6. event send: before the call; the API is down when the app comes back.
        restarted = restartArmed("send.before");
        awaitEcho(e, "lossy slack");
        harness.agents.cutStreamsAfter(-1);
        row("post.after (card)", "Slack answer lost after posting + stream cut every 2 events", e, restarted, "");
        reply(c, "api down after crash");
        expected.get(c).add("Alice [U0ALICE001]: api down after crash");
        halted("send.before");

        // 7. event send: after the commit, with duplicate and out-of-order Slack deliveries.
        harness.agents.outage(true);
        restarted = restartArmed("send.committed@2"); // the 1st send after this start is step 6's message
        Thread.sleep(Duration.ofSeconds(20).toMillis()); // the API outage itself, not a synchronisation
        harness.agents.outage(false);
        awaitEcho(c, "api down after crash");
        row("send.before", "Managed Agents API down 20 s at restart", c, restarted, "");
        String one = harness.humanMessage(CHANNEL, a, ALICE, "one");
        String two = harness.humanMessage(CHANNEL, a, ALICE, "two");
        expected.get(a).addAll(List.of("Alice [U0ALICE001]: two", "Alice [U0ALICE001]: one"));
        quietly(() -> {
            harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, two, a, "two")); // out of order
            harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, one, a, "one"));
            harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, two, a, "two")); // Slack's retry
        });
        halted("send.committed@2");

        // Unarmed: recovery of the last cell, then every thread takes one more message.
        restarted = restart();
        harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, one, a, "one")); // redelivered after the halt
        awaitEcho(a, "one");
        awaitEcho(a, "two");
        row("send.committed", "duplicate + out-of-order Slack deliveries", a, restarted, "");
        for (String thread : List.of(a, c, d, e)) {
            reply(thread, "still there?");
            expected.get(thread).add("Alice [U0ALICE001]: still there?");
        }
        for (String thread : List.of(a, c, d, e)) {
            awaitEcho(thread, "still there?");
        }

        for (Map.Entry<String, List<String>> entry : expected.entrySet()) {
            List<String> got = harness.saidTo(harness.sessionOf(entry.getKey()));
            assertThat(got).as("messages the session of thread " + entry.getKey() + " received")
                    .containsExactlyElementsOf(entry.getValue());
            ExactlyOnceIT.assertNoPostDuplicated(harness, entry.getKey());
        }
        assertThat(rows).allSatisfy(row -> assertThat(row).doesNotContain("FAILED"));
    }

    private Harness armed(String point) {
        return harness.env(CRASH_AT, point);
    }

    private void halted(String point) throws InterruptedException {
        assertThat(harness.app.awaitExit(WAIT)).as("halted at " + point).isEqualTo(137);
    }

    private Instant restartArmed(String point) throws Exception {
        armed(point);
        Instant at = Instant.now();
        harness.restartApp();
        return at;
    }

    private Instant restart() throws Exception {
        harness.withoutEnv(CRASH_AT);
        Instant at = Instant.now();
        harness.restartApp();
        return at;
    }

    /** One row of the table: lost and twice are counted from what the fake API received for the thread. */
    private void row(String point, String fault, String thread, Instant restartedAt, String problem) {
        long seconds = Duration.between(restartedAt, Instant.now()).toSeconds();
        List<String> got = harness.saidTo(harness.sessionOf(thread));
        long lost = expected.get(thread).stream().filter(m -> !got.contains(m)).count();
        long twice = got.size() - got.stream().distinct().count();
        long duplicatedPosts = duplicatedPosts(thread);
        boolean ok = lost == 0 && twice == 0 && duplicatedPosts == 0 && problem.isEmpty();
        rows.add("| " + point + " | " + fault + " | " + lost + " | " + twice + " | " + duplicatedPosts + " | "
                + (ok ? seconds + " s after the restart began" : "FAILED " + problem) + " |");
    }

    private long duplicatedPosts(String thread) {
        return harness.slack.messagesInThread(CHANNEL, thread).stream().filter(m -> m.fromBot())
                .flatMap(m -> m.metadata().stream())
                .map(meta -> meta.path("event_payload").path("key").asText(""))
                .filter(key -> !key.isEmpty())
                .collect(java.util.stream.Collectors.groupingBy(key -> key, java.util.stream.Collectors.counting()))
                .values().stream().mapToLong(n -> n - 1).sum();
    }

    private void reply(String thread, String text) throws Exception {
        String ts = harness.humanMessage(CHANNEL, thread, ALICE, text);
        assertThat(harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, ts, thread, text))).isEqualTo(200);
    }

    private void awaitEcho(String thread, String text) {
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [" + ALICE + "]: " + text) == 1);
    }

    /** A delivery the app may not answer: it halts while handling it (Slack would retry; the test does where it matters). */
    private static void quietly(ThrowingRunnable delivery) throws Exception {
        try {
            delivery.run();
        } catch (java.io.IOException e) {
            // the app halted mid-request
        }
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
