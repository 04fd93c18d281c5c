package dev.threadwork.fakes.slack;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the fake as its own process for benchmarks:
 * {@code FakeSlackMain [port] [token] [--enforce-tiers]}. Prints the API URL; stats at /_fake/stats.
 */
public final class FakeSlackMain {

    private FakeSlackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> positional = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        int port = positional.isEmpty() ? 0 : Integer.parseInt(positional.get(0));
        BotIdentity bot = positional.size() > 1 ? BotIdentity.defaults().withToken(positional.get(1)) : BotIdentity.defaults();
        FakeSlack fake = new FakeSlack(bot, port, InstantSource.system()).start();
        fake.enforceSlackTiers(List.of(args).contains("--enforce-tiers"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake Slack: " + fake.ledger().all().size() + " calls, "
                    + fake.ledger().rateLimitedCount() + " answered 429");
            fake.close();
        }));
        System.out.println("fake Slack listening: " + fake.apiUrl());
        new CountDownLatch(1).await();
    }
}
