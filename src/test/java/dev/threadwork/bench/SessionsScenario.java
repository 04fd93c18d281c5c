package dev.threadwork.bench;

import dev.threadwork.fakes.slack.SlackCall;
import dev.threadwork.it.Harness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * N sessions at once, each started by a mention in its own channel (so Slack's per-channel pacing
 * does not serialise them) and answering with a scripted turn: three tool calls 200 ms apart, then
 * a text carrying a unique token. Per step, a fresh app: peak and final RSS, CPU time, answers
 * lost or shown twice, and latency from the fake emitting each answer to the first Slack call
 * showing it. Steps grow up to {@code --sessions N} for the growth table.
 */
final class SessionsScenario implements Scenario {

    private static final Pattern TOKEN = Pattern.compile("answer token K(\\d+) complete");
    private static final int DELIVERY_CONCURRENCY = 32;

    /** One step's figures. */
    record Step(int sessions, int created, int shown, int lost, int duplicated, double peakRssMiB, double finalRssMiB,
                double cpuSeconds, int peakOpenStreams, Percentiles latency, double wallSeconds, int slackCalls,
                Map<String, Long> callsByMethod, long peakSlackBacklog, long endSlackBacklog, long extraTurns) {
    }

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public List<Result> run(Options options) throws Exception {
        Progress progress = new Progress(name());
        // Without --sessions: the growth ladder; with it: that one size.
        List<Integer> sizes = options.sessionsGiven() ? List.of(options.sessions())
                : options.quick() ? List.of(50) : List.of(250, 500, 1000, 2000);
        Duration wait = options.quick() ? Duration.ofSeconds(30) : Duration.ofSeconds(45);
        List<Result> results = new ArrayList<>();
        for (int size : sizes) {
            Step s = step(size, wait, progress, options);
            results.add(new Result(name() + "-" + size, size + " sessions, 1 turn each: 3 tool calls 200 ms apart + 1 answer;"
                    + " own channel each; answers awaited " + wait.toSeconds() + " s", Machine.current(), List.of(
                    Measure.atMost("peak RSS", s.peakRssMiB(), "MiB", 1024, "< 1024 MiB"),
                    Measure.info("RSS at the end", s.finalRssMiB(), "MiB"),
                    Measure.info("CPU time (user+sys)", s.cpuSeconds(), "s"),
                    Measure.info("peak open event streams", s.peakOpenStreams(), "count"),
                    Measure.info("sessions created", s.created(), "count"),
                    Measure.atMost("answers not on screen within the wait", s.lost(), "count", 0, "0 lost"),
                    Measure.atMost("answers shown twice", s.duplicated(), "count", 0, "0"),
                    Measure.atMost("emit-to-Slack p50 (answers shown)", s.latency().p50(), "ms", 20, "<= 20 ms"),
                    Measure.info("emit-to-Slack p99 (answers shown)", s.latency().p99(), "ms"),
                    Measure.info("first mention to last answer (or end of wait)", s.wallSeconds(), "s"),
                    Measure.info("Slack calls made", s.slackCalls(), "count"),
                    Measure.info("Slack calls per second (sustained)", s.slackCalls() / s.wallSeconds(), "/s"),
                    Measure.info("peak Slack queue backlog (app /metrics)", s.peakSlackBacklog(), "count"),
                    Measure.info("Slack queue backlog at the end", s.endSlackBacklog(), "count"),
                    Measure.atMost("extra turns (a user message delivered twice)", s.extraTurns(), "count", 0, "0")),
                    List.of("fresh app per size (-Xmx512m, H2); RSS sampled every 500 ms from /proc; latency = fake emits"
                            + " agent.message -> fake Slack receives the first post/edit showing it",
                            "Slack calls by method: " + s.callsByMethod())));
        }
        return results;
    }

    private Step step(int n, Duration wait, Progress progress, Options options) throws Exception {
        Map<String, Instant> emitted = new ConcurrentHashMap<>();
        Map<String, String> tokenOfSession = new ConcurrentHashMap<>();
        AtomicLong tokens = new AtomicLong();
        try (Harness harness = BenchApp.start(name(), options)) {
            harness.agents.script((session, text) -> {
                String token = Long.toString(tokens.incrementAndGet());
                tokenOfSession.put(session.sessionId(), token);
                session.running();
                for (int i = 0; i < 3; i++) {
                    session.tool("read_file", "{\"path\":\"src/File" + i + ".java\"}", "class File" + i + " {}", false);
                    sleep(200);
                }
                emitted.put(token, Instant.now());
                session.text("The " + text.length() + "-char task is done; answer token K" + token + " complete.");
                session.usage(1_000, 100);
                session.idle("end_turn");
            });
            progress.step("%d sessions: starting the app", n);
            harness.startApp();
            long pid = harness.app.pid();
            ProcStats before = ProcStats.of(pid);
            AtomicLong peakRss = new AtomicLong(before.rssKiB());
            AtomicInteger peakStreams = new AtomicInteger();
            AtomicLong peakBacklog = new AtomicLong();
            Thread sampler = Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakRss.accumulateAndGet(ProcStats.of(pid).rssKiB(), Math::max);
                    peakStreams.accumulateAndGet(harness.agents.openStreams(), Math::max);
                    peakBacklog.accumulateAndGet(slackBacklog(harness), Math::max);
                    if (!sleep(500)) {
                        return;
                    }
                }
            });
            Map<String, String> channelOfThread = new ConcurrentHashMap<>();
            int callsBefore = harness.slack.ledger().all().size();
            long start = System.nanoTime();
            deliverMentions(harness, n, channelOfThread);
            progress.step("%d sessions: %d mentions delivered in %.1f s; waiting for answers", n, n,
                    (System.nanoTime() - start) / 1e9);
            ShownIndex index = new ShownIndex(TOKEN);
            long deadline = System.nanoTime() + wait.toNanos();
            int shown = 0;
            long lastReport = 0;
            while (System.nanoTime() < deadline && (shown < n || tokens.get() < n)) {
                sleep(250);
                shown = index.scan(harness.slack.ledger().all());
                if (System.nanoTime() - lastReport > 5e9) {
                    lastReport = System.nanoTime();
                    progress.step("%d sessions: %d created, %d turns answered by the fake, %d on screen, RSS %.0f MiB,"
                            + " %d streams open, %d Slack calls", n, harness.agents.sessionIds().size(), emitted.size(), shown,
                            ProcStats.of(pid).rssMiB(), harness.agents.openStreams(), harness.slack.ledger().all().size());
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            if (shown == 0) {
                harness.slack.ledger().all().stream().skip(Math.max(0, harness.slack.ledger().all().size() - 5))
                        .forEach(c -> progress.step("nothing shown; a late Slack call: %s %s", c.method(), c.params()));
            }
            sleep(2000); // anything shown twice would arrive just after
            sampler.interrupt();
            BenchApp.dumpJfr(harness, name() + "-" + n, options);
            ProcStats after = ProcStats.of(pid);
            index.scan(harness.slack.ledger().all());
            List<Double> latencies = new ArrayList<>();
            int lost = 0;
            int duplicated = 0;
            for (String sessionId : harness.agents.sessionIds()) {
                String token = tokenOfSession.get(sessionId);
                String thread = harness.agents.session(sessionId).metadata().path("slack_thread_ts").asText();
                if (token == null) {
                    continue; // no turn ran: counted below as not created
                }
                long count = harness.slack.countInThread(channelOfThread.getOrDefault(thread, "?"), thread,
                        "answer token K" + token + " complete");
                Instant at = index.shownAt(token);
                if (count == 0 || at == null) {
                    lost++;
                } else {
                    latencies.add((double) Duration.between(emitted.get(token), at).toMillis());
                    duplicated += count > 1 ? 1 : 0;
                }
            }
            int created = harness.agents.sessionIds().size();
            List<SlackCall> calls = harness.slack.ledger().all().subList(callsBefore, harness.slack.ledger().all().size());
            lost += n - tokenOfSession.size(); // mentions that never became a turn are lost answers too
            Step step = new Step(n, created, latencies.size(), lost, duplicated, peakRss.get() / 1024.0, after.rssMiB(),
                    (after.cpuMillis() - before.cpuMillis()) / 1000.0, peakStreams.get(), Percentiles.of(latencies), wall,
                    calls.size(), calls.stream().collect(Collectors.groupingBy(SlackCall::method, TreeMap::new, Collectors.counting())),
                    peakBacklog.get(), slackBacklog(harness), tokens.get() - tokenOfSession.size());
            progress.step("%d sessions: %d created, %d shown, %d lost, %d twice, peak RSS %.0f MiB, CPU %.1f s, latency %s",
                    n, created, step.shown(), lost, duplicated, step.peakRssMiB(), step.cpuSeconds(), step.latency());
            return step;
        }
    }

    /** One mention per session, each in its own channel, a few dozen deliveries in flight at a time. */
    private static void deliverMentions(Harness harness, int n, Map<String, String> channelOfThread) throws InterruptedException {
        Semaphore inFlight = new Semaphore(DELIVERY_CONCURRENCY);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                String channel = String.format("C0B%07d", i);
                String task = "task " + i;
                String ts = harness.humanMessage(channel, null, Harness.ALICE, "<@" + Harness.BOT_USER + "> " + task);
                channelOfThread.put(ts, channel);
                inFlight.acquire();
                threads.submit(() -> {
                    try {
                        harness.deliver(harness.mentionEvent(channel, Harness.ALICE, ts, null, task));
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
    }

    /** The app's own count of Slack calls queued or in flight, from /metrics; -1 when unreadable. */
    private static long slackBacklog(Harness harness) {
        try {
            return harness.app.get("/metrics").body().lines()
                    .filter(l -> !l.startsWith("#") && l.contains("threadwork_slack_queue_backlog"))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Sleeps; false when interrupted (the sampler's stop signal). */
    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
