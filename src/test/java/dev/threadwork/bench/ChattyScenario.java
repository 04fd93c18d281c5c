package dev.threadwork.bench;

import dev.threadwork.fakes.slack.SlackCall;
import dev.threadwork.it.Harness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One text-heavy turn against a fake Slack that enforces Slack's documented rate tiers: 50 tool
 * calls, then a long answer streamed as thousands of small previews. Measures how many Web API
 * calls the app spends per agent event (previews are coalesced, cards edited in place), whether
 * Slack ever answers 429, and how long the whole answer takes to be on screen.
 */
final class ChattyScenario implements Scenario {

    private static final int TOOL_CALLS = 50;
    private static final int PREVIEW_CHUNKS = 2000;
    private static final Duration WAIT = Duration.ofMinutes(2);
    /** Calls that trail the final answer (footer, reactions, card) belong to the turn too. */
    private static final Duration TRAIL = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "chatty";
    }

    @Override
    public List<Result> run(Options options) throws Exception {
        Progress progress = new Progress(name());
        String marker = "final-marker-" + System.nanoTime();
        String answer = "word ".repeat(options.quick() ? 500 : 640) + marker; // ~3200 chars: one Slack message
        AtomicInteger events = new AtomicInteger();
        AtomicReference<Instant> answerEmitted = new AtomicReference<>();
        try (Harness harness = BenchApp.start(name(), options)) {
            harness.slack.enforceSlackTiers(true);
            harness.agents.script((session, text) -> {
                session.running();
                for (int i = 0; i < TOOL_CALLS; i++) {
                    session.tool("bash", "{\"command\":\"grep -rn TODO module" + i + "\"}", "module" + i + ": 3 matches", false);
                    pause(20); // a tool takes a moment; without this the card would see one burst
                }
                answerEmitted.set(Instant.now());
                session.text(answer, PREVIEW_CHUNKS);
                session.usage(20_000, 3_000);
                session.idle("end_turn");
                int chunk = Math.max(1, answer.length() / PREVIEW_CHUNKS);
                // running + tool use/result pairs + preview start + deltas + message + usage + idle
                events.set(1 + 2 * TOOL_CALLS + 1 + (answer.length() + chunk - 1) / chunk + 1 + 1 + 1);
            });
            progress.step("starting the app (Slack tiers enforced by the fake)");
            harness.startApp();
            int before = harness.slack.ledger().all().size();
            Instant start = Instant.now();
            String thread = harness.startThread(Harness.ALICE, "find every TODO and summarise");
            progress.step("mention delivered; waiting for the final answer");
            Optional<Instant> shown = Optional.empty();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (shown.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                shown = SlackLedgerView.firstShown(harness.slack.ledger().all(), marker);
            }
            Thread.sleep(TRAIL.toMillis());
            BenchApp.dumpJfr(harness, name(), options);
            List<SlackCall> calls = harness.slack.ledger().all().subList(before, harness.slack.ledger().all().size());
            long rateLimited = calls.stream().filter(SlackCall::rateLimited).count();
            double toAnswer = shown.map(t -> Duration.between(start, t).toMillis()).orElse(-1L);
            double afterEmit = shown.map(t -> Duration.between(answerEmitted.get(), t).toMillis()).orElse(-1L);
            progress.step("final answer %s after %.0f ms; %d Slack calls for %d agent events, %d x 429", shown.isPresent()
                    ? "on screen" : "NOT on screen", toAnswer, calls.size(), events.get(), rateLimited);
            return List.of(new Result(name(), TOOL_CALLS + " tool calls + " + answer.length() + "-char answer in " + PREVIEW_CHUNKS
                    + " preview chunks, Slack tiers enforced", Machine.current(), List.of(
                    Measure.info("agent events in the turn (incl. previews)", events.get(), "count"),
                    Measure.info("Slack Web API calls", calls.size(), "count"),
                    Measure.atMost("Slack calls per agent event", (double) calls.size() / events.get(), "", 0.2, "<= 0.2"),
                    Measure.atMost("429s received", rateLimited, "count", 0, "0"),
                    Measure.info("mention to final answer on screen", toAnswer, "ms"),
                    Measure.info("answer stream start to final text on screen", afterEmit, "ms"),
                    Measure.atMost("final answer missing", shown.isPresent() ? 0 : 1, "count", 0, "0")),
                    List.of("Slack calls counted from the mention's delivery to " + TRAIL.toSeconds()
                            + " s after the final answer appeared (every method, including reactions and thread status); "
                            + "the turn's tool calls are 20 ms apart, the previews come in one burst")));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
