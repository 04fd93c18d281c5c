package dev.threadwork.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.threadwork.it.Harness;
import dev.threadwork.it.SlackRequests;
import dev.threadwork.it.TestSecrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Ack latency of {@code /slack/events} under 200 concurrent signed deliveries (mostly top-level
 * channel chatter the app stores and ignores, one in ten a mention that starts a session), against
 * a floor measured in the same run: a bare JDK HttpServer on loopback that answers 200 to anything.
 * Slack retries a delivery not acked within 3 s, so the ack must not wait for sessions or Slack.
 */
final class AckScenario implements Scenario {

    private static final int CONCURRENT = 200;
    private static final int MENTION_EVERY = 10;

    @Override
    public String name() {
        return "ack";
    }

    @Override
    public List<Result> run(Options options) throws Exception {
        Progress progress = new Progress(name());
        int warmups = options.quick() ? 2 : 10; // both JVMs need JIT warm-up; early rounds are 5x slower
        int rounds = options.quick() ? 3 : 20;
        HttpServer bare = bareServer();
        try (Harness harness = BenchApp.start(name(), options)) {
            progress.step("starting the app");
            harness.startApp();
            URI appUri = harness.app.uri("/slack/events");
            URI bareUri = URI.create("http://127.0.0.1:" + bare.getAddress().getPort() + "/slack/events");
            SlackRequests signer = new SlackRequests(TestSecrets.SIGNING_SECRET);
            LatencyProbe probe = new LatencyProbe();
            List<Double> app = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            int failures = 0;
            for (int round = 0; round < warmups + rounds; round++) {
                boolean measured = round >= warmups;
                // Alternating the two targets round by round spreads the shared machine's noise over both.
                LatencyProbe.Batch onApp = probe.fire(deliveries(harness, signer, appUri));
                LatencyProbe.Batch onBare = probe.fire(deliveries(harness, signer, bareUri));
                progress.step("%s round %d: app %s | bare %s%s", measured ? "measured" : "warm-up", round + 1,
                        Percentiles.of(onApp.millis()), Percentiles.of(onBare.millis()),
                        onApp.failures() > 0 ? " | app non-200: " + onApp.failures() : "");
                if (measured) {
                    app.addAll(onApp.millis());
                    floor.addAll(onBare.millis());
                    failures += onApp.failures();
                }
                Thread.sleep(500); // let the mentions' background work (sessions, posts) run between rounds, as it would
            }
            BenchApp.dumpJfr(harness, name(), options);
            Percentiles a = Percentiles.of(app);
            Percentiles b = Percentiles.of(floor);
            double ratio = a.p99() / b.p99();
            return List.of(new Result(name(), CONCURRENT + " concurrent x " + rounds + " rounds (+" + warmups + " warm-up), 1 in "
                    + MENTION_EVERY + " a mention", Machine.current(), List.of(
                    Measure.info("app ack p50", a.p50(), "ms"),
                    Measure.atMost("app ack p99", a.p99(), "ms", 50, "< 50 ms"),
                    Measure.info("bare JDK HttpServer p50", b.p50(), "ms"),
                    Measure.info("bare JDK HttpServer p99", b.p99(), "ms"),
                    Measure.atMost("app p99 / bare p99", ratio, "x", 1.5, "<= 1.5x"),
                    Measure.atMost("app non-200 answers", failures, "count", 0, "0")),
                    List.of("floor is a bare JDK com.sun.net.httpserver.HttpServer (virtual threads) on loopback, not a bare"
                            + " Payara Micro app; both measured in the same run by the same client (one pre-connected socket per request, HTTP/1.1)")));
        } finally {
            bare.stop(0);
        }
    }

    private static List<LatencyProbe.Post> deliveries(Harness harness, SlackRequests signer, URI uri) {
        List<LatencyProbe.Post> posts = new ArrayList<>(CONCURRENT);
        for (int i = 0; i < CONCURRENT; i++) {
            ObjectNode event;
            if (i % MENTION_EVERY == 0) {
                String ts = harness.humanMessage(Harness.CHANNEL, null, Harness.ALICE, "<@" + Harness.BOT_USER + "> task " + i);
                event = harness.mentionEvent(Harness.CHANNEL, Harness.ALICE, ts, null, "task " + i);
            } else {
                event = harness.messageEvent(Harness.CHANNEL, "channel", Harness.BOB, harness.slack.nextTs(), null,
                        "just chatting, message " + i);
            }
            String body = harness.envelope(event, harness.newEventId());
            posts.add(new LatencyProbe.Post(uri, signer.signedHeaders(body, "application/json"), body));
        }
        return posts;
    }

    private static HttpServer bareServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        return server;
    }
}
