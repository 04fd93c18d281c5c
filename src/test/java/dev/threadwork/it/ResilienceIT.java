package dev.threadwork.it;

import static dev.threadwork.it.Harness.ALICE;
import static dev.threadwork.it.Harness.BOB;
import static dev.threadwork.it.Harness.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadwork.fakes.agents.Scripts;
import dev.threadwork.fakes.slack.SlackCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The system-level resilience suite: authorisation on every path, Slack rate limiting, an agents
 * API outage, a kill -9 with 50 sessions streaming, a graceful stop, and no secret anywhere. The
 * scenarios share one database and run in order; figures go to target/resilience-figures.txt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ADMIN = "U0ADMIN001";
    private static final String LOCKED = "C0LOCKED01";
    private static Harness harness;
    private static final List<String> figures = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        harness = new Harness("resilience").startApp();
        harness.slack.addUser(ADMIN, "Admin", "Ada Admin", false);
        harness.slack.addChannel(LOCKED, "locked", true);
    }

    @AfterAll
    static void stop() throws Exception {
        Files.write(Path.of("target", "resilience-figures.txt"), figures);
        harness.close();
    }

    private static HttpForm form() {
        return new HttpForm();
    }

    /** Commands, clicks and shortcuts, each answered through its own response URL. */
    private static final class HttpForm {
        int command(String channel, String user, String text) throws Exception {
            return commandAnswer(channel, user, text).statusCode();
        }

        java.net.http.HttpResponse<String> commandAnswer(String channel, String user, String text) throws Exception {
            return harness.command(channel, user, text, "command-" + System.nanoTime());
        }

        int click(String channel, String user, String actionId, String value) throws Exception {
            return harness.click(channel, user, actionId, value, "click-" + System.nanoTime()).statusCode();
        }

        int shortcut(String channel, String user, String messageTs, String threadTs) throws Exception {
            return harness.stopShortcut(channel, user, messageTs, threadTs, "shortcut-" + System.nanoTime()).statusCode();
        }
    }

    private static long eventsOfType(String session, String type) {
        return harness.eventsOfType(session, type);
    }

    @Test
    @Order(1)
    void anOutsiderCanNeitherStartNorSteerApproveStopOrEndThroughAnyPath() throws Exception {
        harness.agents.script(Scripts.ASK_FIRST);
        assertThat(form().command(LOCKED, ADMIN, "config set policy allow-list")).isEqualTo(200);
        assertThat(form().command(LOCKED, ADMIN, "config set allow <@" + ALICE + ">")).isEqualTo(200);
        await().atMost(WAIT).until(() -> form().commandAnswer(LOCKED, ALICE, "config").body().contains("may talk"));

        // Alice (allowed) starts a session that waits for approval.
        String aliceTs = harness.humanMessage(LOCKED, null, ALICE, "<@U0BOT00001> clean up");
        assertThat(harness.deliver(harness.mentionEvent(LOCKED, ALICE, aliceTs, null, "clean up"))).isEqualTo(200);
        String session = harness.sessionOf(aliceTs);
        await().atMost(WAIT).until(() -> eventsOfType(session, "agent.tool_use") == 1);
        String toolUse = harness.firstToolUse(session);
        int sessionsBefore = harness.agents.sessionIds().size();

        // Bob, on no allow-list and no admin, tries every path.
        String bobTs = harness.humanMessage(LOCKED, null, BOB, "<@U0BOT00001> start something");
        assertThat(harness.deliver(harness.mentionEvent(LOCKED, BOB, bobTs, null, "start something"))).isEqualTo(200);
        String bobReply = harness.humanMessage(LOCKED, aliceTs, BOB, "do it my way");
        assertThat(harness.deliver(harness.messageEvent(LOCKED, "channel", BOB, bobReply, aliceTs, "do it my way"))).isEqualTo(200);
        assertThat(form().click(LOCKED, BOB, "tool_approve", session + "|" + toolUse)).isEqualTo(200);
        assertThat(form().click(LOCKED, BOB, "session_stop", session)).isEqualTo(200);
        assertThat(form().click(LOCKED, BOB, "session_end", session)).isEqualTo(200);
        String bobStop = harness.humanMessage(LOCKED, aliceTs, BOB, "<@U0BOT00001> stop");
        assertThat(harness.deliver(harness.mentionEvent(LOCKED, BOB, bobStop, aliceTs, "stop"))).isEqualTo(200);
        assertThat(form().shortcut(LOCKED, BOB, bobReply, aliceTs)).isEqualTo(200);
        assertThat(form().command(LOCKED, BOB, "new take over")).isEqualTo(200);
        assertThat(form().command(LOCKED, BOB, "stop " + session)).isEqualTo(200);
        assertThat(form().command(LOCKED, BOB, "end " + session)).isEqualTo(200);

        // Bob was told (privately) and nothing changed.
        await().atMost(WAIT).until(() -> harness.slack.workspace().ephemerals(LOCKED).stream()
                .anyMatch(e -> e.toString().contains("allow-list")));
        assertThat(harness.agents.sessionIds()).hasSize(sessionsBefore);
        assertThat(harness.spoken(session)).containsExactly("Alice [U0ALICE001]: clean up");
        assertThat(eventsOfType(session, "user.tool_confirmation")).isZero();
        assertThat(eventsOfType(session, "user.interrupt")).isZero();
        assertThat(harness.agents.session(session).archived()).isFalse();
        figures.add("authorisation: 11 attempts by an outsider (mention, reply, approve, stop, end, keyword, shortcut, "
                + "/agent new|stop|end), 0 effects");

        // Alice approves: her session goes on.
        assertThat(form().click(LOCKED, ALICE, "tool_approve", session + "|" + toolUse)).isEqualTo(200);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(LOCKED, aliceTs, "Removed the build directory.") == 1);
        harness.agents.script(Scripts.ECHO);
    }

    @Test
    @Order(2)
    void underSlack429sAllOutputArrivesInOrderWithoutABusyRetryLoop() throws Exception {
        harness.agents.script(Scripts.TOOL_THEN_ANSWER);
        harness.slack.rateLimitNext("chat.postMessage", 6, 1);
        harness.slack.rateLimitNext("chat.update", 6, 1);
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            threads.add(harness.startThread(ALICE, "rate limited task " + i));
        }
        for (int i = 0; i < threads.size(); i++) {
            String thread = threads.get(i);
            String expected = "Done* with: Alice [U0ALICE001]: rate limited task " + i;
            // Slack's own pacing (1 post per second per channel, chat.update at Tier 3) makes this slow on purpose.
            await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(
                    harness.slack.countInThread(CHANNEL, thread, "with: Alice [U0ALICE001]: rate limited task"))
                    .as("thread %s shows %s", thread, harness.slack.visibleTextsInThread(CHANNEL, thread)).isEqualTo(1));
            List<String> texts = harness.slack.visibleTextsInThread(CHANNEL, thread);
            int card = indexOf(texts, "bash: mvn test");
            int answer = indexOf(texts, "All tests pass");
            assertThat(card).as("card before answer in %s", texts).isLessThan(answer).isNotNegative();
            assertThat(texts.get(answer)).contains(expected.substring(expected.indexOf("with:")));
        }
        long limited = harness.slack.ledger().rateLimitedCount();
        long posts = harness.slack.calls("chat.postMessage").size();
        assertThat(limited).isEqualTo(12);
        assertThat(posts).as("no busy loop: each 429 is retried once, after Retry-After").isLessThan(6 * 4 + 6 + 2);
        figures.add("slack 429s: 12 injected (6 postMessage + 6 update) under 6 concurrent sessions; " + posts
                + " postMessage calls in all, every answer delivered once, card before answer in every thread");
        harness.agents.script(Scripts.ECHO);
    }

    private static int indexOf(List<String> texts, String fragment) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    @Order(3)
    void aSixtySecondAgentsOutageLosesNothingAndRecoversByItself() throws Exception {
        harness.agents.script(Scripts.ECHO);
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            threads.add(harness.startThread(ALICE, "outage thread " + i));
        }
        List<String> sessions = threads.stream().map(harness::sessionOf).toList();
        for (int i = 0; i < threads.size(); i++) {
            String thread = threads.get(i);
            await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [U0ALICE001]: outage thread") == 1);
        }
        Instant outageStart = Instant.now();
        harness.agents.outage(true);
        int posted = 0;
        try {
            for (int round = 0; round < 3; round++) {
                for (String thread : threads) {
                    String text = "during outage " + round;
                    String ts = harness.humanMessage(CHANNEL, thread, BOB, text);
                    assertThat(harness.deliver(harness.messageEvent(CHANNEL, "channel", BOB, ts, thread, text))).isEqualTo(200);
                    posted++;
                }
                harness.agents.resetConnections(round == 1); // part of the outage: connections cut without an answer
            }
            for (String thread : threads) {
                await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "saved and will be delivered") >= 1);
            }
            Duration remaining = Duration.ofSeconds(60).minus(Duration.between(outageStart, Instant.now()));
            if (!remaining.isNegative()) {
                Thread.sleep(remaining.toMillis()); // the scenario is a 60-second outage, not a wait for a condition
            }
        } finally {
            harness.agents.resetConnections(false);
            harness.agents.outage(false);
        }
        Instant recovered = Instant.now();
        for (String session : sessions) {
            await().atMost(Duration.ofSeconds(120)).until(() -> harness.agents.userMessages(session).size() == 4);
            assertThat(harness.spoken(session)).containsExactly(harness.spoken(session).getFirst(),
                    "Bob [U0BOB00001]: during outage 0", "Bob [U0BOB00001]: during outage 1", "Bob [U0BOB00001]: during outage 2");
        }
        Duration toRecover = Duration.between(recovered, Instant.now());
        figures.add("agents outage: 60 s of 503s and connection resets, " + posted + " messages posted during it, 0 lost, "
                + "0 out of order, all delivered " + toRecover.toSeconds() + " s after the API came back");
    }

    @Test
    @Order(4)
    void aKillDuringFiftyStreamingSessionsLosesAndDuplicatesNothing() throws Exception {
        CountDownLatch resume = new CountDownLatch(1);
        harness.agents.script((session, text) -> {
            session.running();
            session.tool("bash", "{\"command\":\"first step\"}", "ok", false);
            try {
                resume.await(5, TimeUnit.MINUTES); // the bot is killed while every session is mid-turn
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            session.tool("bash", "{\"command\":\"second step\"}", "ok", false);
            session.text("Crash-proof answer to: " + text);
            session.usage(1_000, 100);
            session.idle("end_turn");
        });
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            threads.add(harness.startThread(ALICE, "crash task " + i));
        }
        for (String thread : threads) {
            await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "bash: first step") == 1);
        }
        // Replies acknowledged before the crash must reach their sessions after it.
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String thread = threads.get(i);
            String ts = harness.humanMessage(CHANNEL, thread, BOB, "follow-up " + i);
            assertThat(harness.deliver(harness.messageEvent(CHANNEL, "channel", BOB, ts, thread, "follow-up " + i))).isEqualTo(200);
            replies.add(thread);
        }
        harness.app.kill();
        resume.countDown();
        harness.agents.script(Scripts.ECHO);
        harness.restartApp();

        for (int i = 0; i < threads.size(); i++) {
            String thread = threads.get(i);
            await().atMost(Duration.ofSeconds(120)).until(() -> harness.slack.countInThread(CHANNEL, thread, "Crash-proof answer") == 1);
            await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "bash: second step") == 1);
        }
        for (int i = 0; i < replies.size(); i++) {
            String session = harness.sessionOf(replies.get(i));
            String expected = "Bob [U0BOB00001]: follow-up " + i;
            await().atMost(WAIT).until(() -> harness.agents.userMessages(session).contains(expected));
            assertThat(harness.agents.userMessages(session).stream().filter(expected::equals)).hasSize(1);
        }
        long duplicates = 0;
        for (String thread : threads) {
            duplicates += Stream.of("Crash-proof answer", "bash: first step", "bash: second step")
                    .mapToLong(fragment -> Math.max(0, harness.slack.countInThread(CHANNEL, thread, fragment) - 1)).sum();
            String session = harness.sessionOf(thread);
            assertThat(harness.agents.userMessages(session).getFirst()).startsWith("Alice [U0ALICE001]: crash task");
        }
        assertThat(duplicates).isZero();
        figures.add("kill -9: 50 sessions mid-turn and 10 acknowledged replies; after restart 150 agent events rendered, "
                + "0 lost, " + duplicates + " duplicated; 10/10 replies delivered exactly once");
    }

    @Test
    @Order(5)
    void sigtermFlushesAndExitsZero() throws Exception {
        harness.agents.script(Scripts.ECHO);
        String thread = harness.startThread(ALICE, "last words");
        Instant stopAt = Instant.now();
        int exit = harness.app.stop(Duration.ofSeconds(60));
        Duration took = Duration.between(stopAt, Instant.now());
        assertThat(exit).isZero();
        String session = harness.sessionOf(thread);
        assertThat(harness.spoken(session)).containsExactly("Alice [U0ALICE001]: last words");
        figures.add("graceful stop: SIGTERM to exit 0 in " + took.toMillis() + " ms, the message acknowledged just before it delivered");
    }

    @Test
    @Order(6)
    void noSecretAppearsInAnyLogOrSlackMessage() throws Exception {
        List<String> secrets = List.of(TestSecrets.BOT_TOKEN, TestSecrets.SIGNING_SECRET, TestSecrets.API_KEY);
        try (Stream<Path> logs = Files.list(harness.workDir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                secrets.forEach(secret -> assertThat(text).as(log.toString()).doesNotContain(secret));
            }
        }
        for (SlackCall call : harness.slack.ledger().all()) {
            String params = call.params().toString();
            secrets.stream().filter(s -> !s.equals(TestSecrets.BOT_TOKEN))
                    .forEach(secret -> assertThat(params).doesNotContain(secret));
            assertThat(String.valueOf(call.text())).doesNotContain(TestSecrets.BOT_TOKEN);
        }
        figures.add("secrets: " + harness.slack.ledger().all().size() + " Slack calls and every log line checked, 0 secrets found");
    }
}
