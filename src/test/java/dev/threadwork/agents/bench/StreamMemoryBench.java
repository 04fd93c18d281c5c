package dev.threadwork.agents.bench;

import dev.threadwork.agents.AgentEvent;
import dev.threadwork.agents.AgentsClient;
import dev.threadwork.agents.AgentsClientSettings;
import dev.threadwork.agents.CreateSessionRequest;
import dev.threadwork.agents.SessionStream;
import dev.threadwork.agents.SessionStreamListener;
import dev.threadwork.config.Secret;
import dev.threadwork.fakes.agents.FakeManagedAgents;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory per idle open stream: starts the fake as a separate process (so its memory is not
 * counted), opens N streams from this JVM and reports heap and RSS growth per stream. Not a unit
 * test. Run: {@code java -cp <test classpath> dev.threadwork.agents.bench.StreamMemoryBench [N]}.
 */
public final class StreamMemoryBench {

    private StreamMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String key = "bench-key";
        Process fake = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FakeManagedAgents.class.getName(), "0", key)
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(fake.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("FAKE_MANAGED_AGENTS_URL=")) {
                // skip JVM chatter
            }
            if (line == null) {
                throw new IllegalStateException("fake did not start");
            }
            URI baseUrl = URI.create(line.substring(line.indexOf('=') + 1));
            run(n, baseUrl, key);
        } finally {
            fake.destroy();
        }
    }

    private static void run(int n, URI baseUrl, String key) throws Exception {
        AgentsClientSettings settings = new AgentsClientSettings(baseUrl, new Secret(key), Duration.ofSeconds(60),
                1_000_000, 1_000_000);
        try (AgentsClient client = new AgentsClient(settings)) {
            List<String> sessions = createSessions(client, n);
            long heapBefore = settledHeap();
            long rssBefore = rssKb();
            int threadsBefore = Thread.activeCount();

            AtomicInteger events = new AtomicInteger();
            SessionStreamListener listener = new SessionStreamListener() {
                @Override
                public void onEvent(AgentEvent event) {
                    events.incrementAndGet();
                }
            };
            long start = System.nanoTime();
            List<SessionStream> streams = new ArrayList<>();
            for (String id : sessions) {
                streams.add(client.openStream(id, Optional.empty(), false, listener));
            }
            while (streams.stream().filter(SessionStream::isConnected).count() < n) {
                Thread.sleep(100); // a benchmark main, not a test: polling is fine here
            }
            long connectMillis = (System.nanoTime() - start) / 1_000_000;
            long heapAfter = settledHeap();
            long rssAfter = rssKb();

            System.out.printf("streams=%d connected in %d ms%n", n, connectMillis);
            System.out.printf("heap: before=%.1f MiB after=%.1f MiB -> %.1f KiB per open idle stream%n",
                    heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1024.0 / n);
            System.out.printf("rss:  before=%.1f MiB after=%.1f MiB -> %.1f KiB per open idle stream%n",
                    rssBefore / 1024.0, rssAfter / 1024.0, (rssAfter - rssBefore) / (double) n);
            System.out.printf("platform threads: before=%d after=%d (streams run on virtual threads)%n",
                    threadsBefore, Thread.activeCount());
            if (Boolean.getBoolean("bench.hold")) {
                System.out.println("holding; pid " + ProcessHandle.current().pid());
                Thread.sleep(Long.getLong("bench.holdMillis", 60_000));
            }
            streams.forEach(SessionStream::close);
        }
    }

    private static List<String> createSessions(AgentsClient client, int n) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(pool.submit(() -> client.createSession(new CreateSessionRequest(
                        FakeManagedAgents.DEFAULT_AGENT_ID, FakeManagedAgents.DEFAULT_ENVIRONMENT_ID,
                        "bench", Map.of(), Optional.empty())).id()));
            }
            List<String> result = new ArrayList<>();
            for (Future<String> id : ids) {
                result.add(id.get());
            }
            return result;
        }
    }

    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
