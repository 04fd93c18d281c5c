package dev.threadwork.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.threadwork.fakes.slack.FakeSlack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The paced outbound queue against the fake Slack Web API, through the real Slack SDK. */
class SlackOutboundTest {

    private FakeSlack slack;
    private SlackOutbound outbound;
    private Slack sdk;

    @BeforeEach
    void start() {
        slack = new FakeSlack().start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        sdk = Slack.getInstance(config);
        outbound = new SlackOutbound(sdk.methodsAsync("xoxb-test-token", "T0FAKE0001"));
    }

    @AfterEach
    void stop() throws Exception {
        outbound.close();
        sdk.close();
        slack.close();
    }

    @Test
    void postsKeepTheirOrderPerChannelAndWaitOutA429() throws Exception {
        slack.rateLimitNext("chat.postMessage", 2, 1);
        String root = slack.nextTs();
        slack.seedMessage("C1", root, null, "U1", "root");
        List<CompletableFuture<Optional<String>>> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(outbound.submit(new SlackCall.Post("C1", root, "message " + i, List.of(), Optional.of("k" + i))));
        }
        for (CompletableFuture<Optional<String>> post : posted) {
            assertThat(post.get(30, TimeUnit.SECONDS)).isPresent();
        }
        assertThat(slack.messagesInThread("C1", root)).extracting(m -> m.text())
                .containsSubsequence("message 0", "message 1", "message 2", "message 3", "message 4");
        // The SDK's asynchronous client waits out Retry-After itself; either way each 429 costs one repeat, no more.
        assertThat(slack.calls("chat.postMessage")).hasSize(7);
        assertThat(slack.ledger().rateLimitedCount()).isEqualTo(2);
    }

    @Test
    void updatesOfTheSameMessageCoalesceWhileTheLaneIsBusy() throws Exception {
        String root = slack.nextTs();
        slack.seedMessage("C2", root, null, "U1", "root");
        String ts = outbound.submit(new SlackCall.Post("C2", root, "v0", List.of(), Optional.empty())).get(10, TimeUnit.SECONDS)
                .orElseThrow();
        slack.rateLimitNext("chat.update", 1, 1); // holds the lane while the next updates queue up
        List<CompletableFuture<Optional<String>>> updates = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            updates.add(outbound.submit(new SlackCall.Update("C2", ts, "v" + i, List.of())));
        }
        CompletableFuture.allOf(updates.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(slack.workspace().message("C2", ts).orElseThrow().text()).isEqualTo("v20");
        assertThat(slack.calls("chat.update").size()).isLessThan(10);
        assertThat(outbound.flush(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void slackErrorsFailTheCallWithoutRetryingAndReactionDuplicatesCountAsDone() throws Exception {
        slack.failNext("chat.postMessage", 1, "channel_not_found");
        CompletableFuture<Optional<String>> missing = outbound.submit(
                new SlackCall.Post("C404", "1.1", "x", List.of(), Optional.empty()));
        assertThat(missing).failsWithin(Duration.ofSeconds(10));
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
        String root = slack.nextTs();
        slack.seedMessage("C3", root, null, "U1", "root");
        outbound.submit(new SlackCall.React("C3", root, "eyes", true)).get(10, TimeUnit.SECONDS);
        assertThat(outbound.submit(new SlackCall.React("C3", root, "eyes", true)).get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(slack.reactionNames("C3", root)).containsExactly("eyes");
    }

    /**
     * A Slack SDK instance whose pacing state is its own: the SDK keeps per-method call counts per
     * executor name for the whole JVM, and the hammering of an outage must not slow the other tests.
     */
    private Slack isolatedSdk(String name) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        config.getMethodsConfig().setExecutorName("slack-outbound-test-" + name);
        config.getMethodsConfig().setMetricsDatastore(new com.slack.api.methods.metrics.MemoryMetricsDatastore(4));
        return Slack.getInstance(config);
    }

    @Test
    void aPostWhoseAnswerWasLostAfterSlackPostedItIsFoundInsteadOfPostedAgain() throws Exception {
        Slack own = isolatedSdk("lost-answer");
        SlackOutbound looking = new SlackOutbound(own.methodsAsync("xoxb-test-token", "T0FAKE0001"),
                new dev.threadwork.slack.SlackThreadSearch(own.methods("xoxb-test-token")), Duration.ofMillis(200));
        try {
            String root = slack.nextTs();
            slack.seedMessage("C5", root, null, "U1", "root");
            slack.loseAnswerNext("chat.postMessage", 1);

            Optional<String> ts = looking.submit(new SlackCall.Post("C5", root, "the answer", List.of(), Optional.of("answer:e1:0")))
                    .get(30, TimeUnit.SECONDS);

            assertThat(ts).isPresent();
            assertThat(slack.messagesInThread("C5", root)).filteredOn(m -> "the answer".equals(m.text())).hasSize(1);
        } finally {
            looking.close();
        }
    }

    @Test
    void aSlackOutageOnlyDelaysACallAndAStopFailsWhatIsStillQueued() throws Exception {
        Slack own = isolatedSdk("outage");
        SlackOutbound patient = new SlackOutbound(own.methodsAsync("xoxb-test-token", "T0FAKE0001"),
                new dev.threadwork.slack.SlackThreadSearch(own.methods("xoxb-test-token")), Duration.ofMillis(100));
        try {
            String root = slack.nextTs();
            slack.seedMessage("C6", root, null, "U1", "root");
            slack.down(true);
            CompletableFuture<Optional<String>> post = patient.submit(
                    new SlackCall.Post("C6", root, "after the outage", List.of(), Optional.of("answer:e2:0")));
            // More failed attempts than any fixed retry budget would allow (the old queue gave up after 8).
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> slack.calls("chat.postMessage").size() + slack.calls("conversations.replies").size() > 12);
            assertThat(post).isNotDone();
            slack.down(false);

            assertThat(post.get(30, TimeUnit.SECONDS)).isPresent();
            assertThat(slack.messagesInThread("C6", root)).filteredOn(m -> "after the outage".equals(m.text())).hasSize(1);

            slack.down(true);
            CompletableFuture<Optional<String>> stuck = patient.submit(new SlackCall.Post("C6", root, "x", List.of(), Optional.of("k")));
            CompletableFuture<Optional<String>> queued = patient.submit(new SlackCall.Post("C6", root, "y", List.of(), Optional.of("k2")));
            patient.close();
            assertThat(stuck).failsWithin(Duration.ofSeconds(10));
            assertThat(queued).failsWithin(Duration.ofSeconds(10));
        } finally {
            slack.down(false);
            patient.close();
        }
    }
}
