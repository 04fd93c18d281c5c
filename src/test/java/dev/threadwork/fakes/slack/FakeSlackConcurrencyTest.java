package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FakeSlackConcurrencyTest extends FakeSlackSdkTestSupport {

    @Test
    void manyConcurrentPostsGetUniqueTsAndAreAllRecorded() throws Exception {
        int calls = 200;
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < calls; i++) {
                String channel = "C0CONC000" + (i % 4);
                int n = i;
                results.add(pool.submit(() -> client.chatPostMessage(r -> r.channel(channel).text("m" + n)).getTs()));
            }
        }
        List<String> tss = new ArrayList<>();
        for (Future<String> result : results) {
            tss.add(result.get());
        }

        assertThat(tss).doesNotContainNull().doesNotHaveDuplicates().hasSize(calls);
        assertThat(fake.calls("chat.postMessage")).hasSize(calls).allMatch(SlackCall::ok);
        assertThat(fake.ledger().all()).extracting(SlackCall::seq).isSorted();
    }
}
