package dev.threadwork.it;

import static dev.threadwork.it.Harness.ALICE;
import static dev.threadwork.it.Harness.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A kill -9 in the middle of a turn: after the restart, nothing is posted twice and nothing is missing. */
class RestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private Harness harness;

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void killedMidStreamTheBotResumesWithoutDuplicatesOrGaps() throws Exception {
        harness = new Harness("restart");
        CountDownLatch resume = new CountDownLatch(1);
        harness.agents.script((session, text) -> {
            session.running();
            for (int i = 1; i <= 3; i++) {
                session.tool("bash", "{\"command\":\"step " + i + "\"}", "ok " + i, false);
            }
            try {
                resume.await(5, TimeUnit.MINUTES); // the test kills the bot here, then lets the agent go on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 4; i <= 6; i++) {
                session.tool("bash", "{\"command\":\"step " + i + "\"}", "ok " + i, false);
            }
            session.text("Finished all six steps for: " + text);
            session.usage(3_000, 400);
            session.idle("end_turn");
        });
        harness.startApp();

        String thread = harness.startThread(ALICE, "run the six steps");
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "bash: step 3") == 1);

        harness.app.kill();
        resume.countDown();
        await().atMost(WAIT).until(() -> harness.agents.session(session).status().equals("idle"));
        harness.restartApp();

        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Finished all six steps") == 1);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "bash: step 6") == 1);
        await().atMost(WAIT).until(() -> harness.slack.reactionNames(CHANNEL, thread).contains("white_check_mark"));

        List<String> texts = harness.slack.visibleTextsInThread(CHANNEL, thread);
        assertThat(texts.stream().filter(t -> t.contains("Finished all six steps"))).hasSize(1);
        assertThat(texts.stream().filter(t -> t.contains("bash: step 1"))).as("one card for the turn").hasSize(1);
        assertThat(harness.spoken(session)).containsExactly("Alice [U0ALICE001]: run the six steps");
        assertThat(harness.slack.calls("chat.postMessage").stream()
                .filter(call -> thread.equals(call.threadTs()) && call.text() != null && call.text().contains("Finished")))
                .hasSize(1);
    }
}
