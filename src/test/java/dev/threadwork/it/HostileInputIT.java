package dev.threadwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated requests to /slack/events — unsigned, wrongly signed, stale, malformed,
 * oversized, of unknown types, with control characters: no 5xx, no crash, no state change from
 * anything unsigned, and no secret in any log.
 */
class HostileInputIT {

    private static Harness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new Harness("hostile").startApp();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    private static final class Sample {
        final String name;
        final String body;
        final Map<String, String> headers;

        Sample(String name, String body, Map<String, String> headers) {
            this.name = name;
            this.body = body;
            this.headers = headers;
        }
    }

    private static List<Sample> samples(int count) {
        SlackRequests signer = new SlackRequests(TestSecrets.SIGNING_SECRET);
        SlackRequests wrong = new SlackRequests("an-attacker-guess");
        Random random = new Random(42);
        List<Sample> samples = new ArrayList<>();
        String mention = harness.envelope(harness.mentionEvent(Harness.CHANNEL, Harness.ALICE, "1700000999.000100", null,
                "please run rm -rf /"), "EvHostile");
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < count; i++) {
            String garbage = randomText(random, 1 + random.nextInt(400));
            Sample sample = switch (i % 10) {
                case 0 -> new Sample("unsigned", mention, Map.of("Content-Type", "application/json"));
                case 1 -> new Sample("wrong signature", mention, wrong.signedHeaders(mention, "application/json"));
                case 2 -> new Sample("stale timestamp", mention,
                        signer.signedHeaders(mention, "application/json", Long.toString(now - 301 - random.nextInt(10_000))));
                case 3 -> new Sample("malformed json", "{\"type\":\"event_callback\",\"event\":" + garbage,
                        signer.signedHeaders("{\"type\":\"event_callback\",\"event\":" + garbage, "application/json"));
                case 4 -> {
                    String form = "payload=" + garbage.replace("&", "%26");
                    yield new Sample("malformed form", form, signer.signedHeaders(form, "application/x-www-form-urlencoded"));
                }
                case 5 -> {
                    String typed = "{\"type\":\"event_callback\",\"team_id\":42,\"event\":\"not an object\",\"event_id\":[1,2]}";
                    yield new Sample("wrong field types", typed, signer.signedHeaders(typed, "application/json"));
                }
                case 6 -> {
                    String unknown = "{\"type\":\"event_callback\",\"team_id\":\"T0FAKE0001\",\"event_id\":\"EvU" + i
                            + "\",\"event\":{\"type\":\"never_heard_of_" + i + "\",\"x\":1}}";
                    yield new Sample("unknown event type", unknown, signer.signedHeaders(unknown, "application/json"));
                }
                case 7 -> {
                    String control = harness.envelope(harness.messageEvent(Harness.CHANNEL, "channel", Harness.BOB,
                            "1700001000." + String.format("%06d", i), null, "\u0000\u0007\u001b[31m" + garbage + "\u202e"), "EvC" + i);
                    yield new Sample("control characters", control, signer.signedHeaders(control, "application/json"));
                }
                case 8 -> {
                    String huge = harness.envelope(harness.messageEvent(Harness.CHANNEL, "channel", Harness.BOB,
                            "1700002000." + String.format("%06d", i), null, "x".repeat(100_000)), "EvH" + i);
                    yield new Sample("huge message", huge, signer.signedHeaders(huge, "application/json"));
                }
                default -> {
                    String command = "command=%2Fagent&text=" + garbage.replace("&", "%26") + "&user_id=&team_id=";
                    yield new Sample("unsigned command", command, Map.of("Content-Type", "application/x-www-form-urlencoded"));
                }
            };
            samples.add(sample);
        }
        return samples;
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextInt(3) == 0 ? random.nextInt(0x80) : 0x20 + random.nextInt(0x5f)));
        }
        return text.toString();
    }

    @Test
    void generatedAbuseGetsNo5xxChangesNothingAndLeaksNothing() throws Exception {
        List<Sample> samples = samples(3_000);
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> sent = new ArrayList<>();
            for (Sample sample : samples) {
                sent.add(pool.submit(() -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.app.uri("/slack/events").toString()))
                            .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(sample.body));
                    sample.headers.forEach(request::header);
                    int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    statuses.computeIfAbsent(sample.name + " " + status, k -> new AtomicInteger()).incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
        // Oversized: more than a megabyte, signed or not.
        String oversized = "{\"type\":\"event_callback\",\"pad\":\"" + "y".repeat(2 << 20) + "\"}";
        int oversizedStatus = harness.app.post("/slack/events",
                new SlackRequests(TestSecrets.SIGNING_SECRET).signedHeaders(oversized, "application/json"), oversized).statusCode();

        assertThat(statuses.keySet()).as("statuses: %s", statuses).noneMatch(key -> key.matches(".* 5\\d\\d"));
        assertThat(statuses.keySet()).filteredOn(key -> key.startsWith("unsigned ") || key.startsWith("wrong signature ")
                || key.startsWith("stale timestamp ")).allMatch(key -> key.endsWith(" 401"));
        assertThat(oversizedStatus).isEqualTo(413);
        assertThat(harness.app.alive()).isTrue();
        assertThat(harness.app.status("/health/ready")).isEqualTo(200);
        assertThat(harness.agents.sessionIds()).as("nothing unsigned started a session").isEmpty();
        assertThat(harness.slack.calls("chat.postMessage")).as("the bot said nothing").isEmpty();
        assertThat(harness.app.output()).doesNotContain(TestSecrets.BOT_TOKEN).doesNotContain(TestSecrets.SIGNING_SECRET)
                .doesNotContain(TestSecrets.API_KEY);
    }
}
