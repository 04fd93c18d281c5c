package dev.threadwork.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadwork.bridge.Binding;
import dev.threadwork.bridge.InboundMessage;
import dev.threadwork.bridge.ThreadKey;
import dev.threadwork.config.Secret;
import dev.threadwork.config.ThreadworkConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repositories against a real H2 file database, migrated by Flyway as in production. */
class StoreTest {

    @TempDir
    Path dir;

    private Database database;
    private ThreadBindings bindings;
    private InboundMessages outbox;
    private SessionLeases leases;

    private static final ThreadKey THREAD = new ThreadKey("T1", "C1", "100.000");

    @BeforeEach
    void open() {
        database = new Database(new ThreadworkConfig.Database("jdbc:h2:file:" + dir.resolve("db"), "", new Secret("")));
        assertThat(database.migrate()).isPositive();
        Jdbc jdbc = new Jdbc(database.dataSource());
        bindings = new ThreadBindings(jdbc);
        outbox = new InboundMessages(jdbc);
        leases = new SessionLeases(jdbc);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aThreadCanBeClaimedOnceAndBoundToItsSession() {
        Binding claim = new Binding(THREAD, Optional.empty(), "100.000", "U1", "agent_1", "env_1", "task",
                Binding.State.CREATING, Optional.empty(), Instant.now());

        assertThat(bindings.create(claim)).isTrue();
        assertThat(bindings.create(claim)).isFalse();
        bindings.attachSession(THREAD, "sesn_1");

        Binding bound = bindings.findBySession("sesn_1").orElseThrow();
        assertThat(bound.thread()).isEqualTo(THREAD);
        assertThat(bound.state()).isEqualTo(Binding.State.ACTIVE);
        assertThat(bindings.live()).extracting(b -> b.sessionId().orElseThrow()).containsExactly("sesn_1");

        bindings.markEnded("sesn_1");
        bindings.restart(THREAD, "U2", "agent_2", "env_2");
        Binding restarted = bindings.find(THREAD).orElseThrow();
        assertThat(restarted.sessionId()).isEmpty();
        assertThat(restarted.previousSessionId()).contains("sesn_1");
        assertThat(restarted.state()).isEqualTo(Binding.State.CREATING);
    }

    @Test
    void theOutboxKeepsOneCopyAndHandsOutOnlyTheHeadOfEachThread() {
        assertThat(outbox.insertIfNew("T1:C1:100.000", THREAD, "100.000", "U1", InboundMessage.Kind.START, "first")).isTrue();
        assertThat(outbox.insertIfNew("T1:C1:100.000", THREAD, "100.000", "U1", InboundMessage.Kind.START, "first")).isFalse();
        assertThat(outbox.insertIfNew("T1:C1:101.000", THREAD, "101.000", "U2", InboundMessage.Kind.REPLY, "second")).isTrue();
        ThreadKey other = new ThreadKey("T1", "C2", "200.000");
        assertThat(outbox.insertIfNew("T1:C2:200.000", other, "200.000", "U1", InboundMessage.Kind.START, "other")).isTrue();

        List<InboundMessage> heads = outbox.dueHeads(Instant.now(), 10);
        assertThat(heads).extracting(InboundMessage::text).containsExactly("first", "other");

        InboundMessage first = heads.getFirst();
        outbox.markSending(first.id(), "U1: first");
        assertThat(outbox.dueHeads(Instant.now(), 10)).extracting(InboundMessage::text).containsExactly("first", "other");
        outbox.markDelivered(first.id());
        assertThat(outbox.dueHeads(Instant.now(), 10)).extracting(InboundMessage::text).containsExactly("second", "other");

        InboundMessage second = outbox.dueHeads(Instant.now(), 10).getFirst();
        outbox.retryLater(second.id(), Instant.now().plusSeconds(60), "503");
        assertThat(outbox.dueHeads(Instant.now(), 10)).extracting(InboundMessage::text).containsExactly("other");
        assertThat(outbox.find(second.id()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(outbox.undeliveredCount()).isEqualTo(2);
    }

    @Test
    void aLeaseBelongsToOneInstanceUntilItExpiresOrIsReleased() {
        Instant later = Instant.now().plusSeconds(60);

        assertThat(leases.tryAcquire("sesn_1", "a", later)).isTrue();
        assertThat(leases.tryAcquire("sesn_1", "a", later)).isTrue();
        assertThat(leases.tryAcquire("sesn_1", "b", later)).isFalse();

        leases.release("sesn_1", "a");
        assertThat(leases.tryAcquire("sesn_1", "b", later)).isTrue();

        assertThat(leases.tryAcquire("sesn_2", "a", Instant.now().minusSeconds(1))).isTrue();
        assertThat(leases.tryAcquire("sesn_2", "b", later)).as("an expired lease can be taken over").isTrue();
    }

    @Test
    void committedWritesReachTheFileAtOnce() {
        assertThat(Database.durableUrl("jdbc:h2:file:./data/x")).isEqualTo("jdbc:h2:async:./data/x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.durableUrl("jdbc:h2:./data/x")).isEqualTo("jdbc:h2:async:./data/x;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.durableUrl("jdbc:postgresql://db/x")).isEqualTo("jdbc:postgresql://db/x");
    }
}
