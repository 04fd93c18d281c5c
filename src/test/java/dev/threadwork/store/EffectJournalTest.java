package dev.threadwork.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadwork.bridge.EffectJournal;
import dev.threadwork.bridge.EffectJournal.Effect;
import dev.threadwork.bridge.ThreadKey;
import dev.threadwork.config.Secret;
import dev.threadwork.config.ThreadworkConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The effect journal against a real H2 file database, migrated by Flyway as in production. */
class EffectJournalTest {

    private static final ThreadKey THREAD = new ThreadKey("T1", "C1", "100.000");

    @TempDir
    Path dir;

    private Database database;
    private JdbcEffectJournal journal;
    private Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    /** Reads the test's current clock, so a test can move time on. */
    private final Clock movable = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }
    };

    @BeforeEach
    void open() {
        database = new Database(new ThreadworkConfig.Database("jdbc:h2:file:" + dir.resolve("db"), "", new Secret("")));
        database.migrate();
        journal = new JdbcEffectJournal(new Jdbc(database.dataSource()), movable);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aNewKeyBecomesAnIntentAndItsResultIsRecorded() {
        Effect intent = journal.begin("post:a", EffectJournal.Kinds.SLACK_POST, Optional.of(THREAD), Optional.of("sesn_1"), 7);

        assertThat(intent.state()).isEqualTo(EffectJournal.State.INTENT);
        assertThat(intent.attempts()).isEqualTo(1);
        assertThat(intent.epoch()).isEqualTo(7);
        assertThat(intent.thread()).contains(THREAD);
        assertThat(intent.sessionId()).contains("sesn_1");
        assertThat(intent.uncertain()).isTrue();

        journal.done("post:a", "1700.0001");

        Effect done = journal.find("post:a").orElseThrow();
        assertThat(done.done()).isTrue();
        assertThat(done.result()).contains("1700.0001");
    }

    @Test
    void beginningAKnownKeyReturnsWhatIsKnownInsteadOfANewIntent() {
        journal.begin("post:a", EffectJournal.Kinds.SLACK_POST, Optional.of(THREAD), Optional.empty(), 1);
        journal.done("post:a", "1700.0001");

        Effect again = journal.begin("post:a", EffectJournal.Kinds.SLACK_POST, Optional.of(THREAD), Optional.empty(), 2);

        assertThat(again.done()).isTrue();
        assertThat(again.result()).contains("1700.0001");
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.epoch()).isEqualTo(1);
    }

    @Test
    void anInterruptedIntentIsResumedWithItsAttemptsCounted() {
        journal.begin("send:1", EffectJournal.Kinds.EVENT_SEND, Optional.of(THREAD), Optional.empty(), 1);

        Effect resumed = journal.begin("send:1", EffectJournal.Kinds.EVENT_SEND, Optional.of(THREAD), Optional.of("sesn_9"), 3);

        assertThat(resumed.state()).isEqualTo(EffectJournal.State.INTENT);
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(resumed.epoch()).isEqualTo(3);
        assertThat(resumed.sessionId()).contains("sesn_9");
    }

    @Test
    void anAmbiguousFailureIsUnknownUntilResolvedAndNeverUndoesADoneEffect() {
        journal.begin("post:b", EffectJournal.Kinds.SLACK_POST, Optional.of(THREAD), Optional.empty(), 1);
        journal.unknown("post:b", "SocketTimeoutException");

        Effect unknown = journal.find("post:b").orElseThrow();
        assertThat(unknown.state()).isEqualTo(EffectJournal.State.UNKNOWN);
        assertThat(unknown.result()).contains("SocketTimeoutException");

        journal.done("post:b", "1700.2");
        journal.unknown("post:b", "late failure report");
        journal.abandon("post:b");

        assertThat(journal.find("post:b").orElseThrow().result()).contains("1700.2");
        assertThat(journal.find("post:b").orElseThrow().done()).isTrue();
    }

    @Test
    void anAbandonedIntentMayStartOver() {
        journal.begin("create:T1/C1/100.000", EffectJournal.Kinds.SESSION_CREATE, Optional.of(THREAD), Optional.empty(), 1);
        journal.abandon("create:T1/C1/100.000");

        assertThat(journal.find("create:T1/C1/100.000")).isEmpty();
        assertThat(journal.begin("create:T1/C1/100.000", EffectJournal.Kinds.SESSION_CREATE, Optional.of(THREAD),
                Optional.empty(), 1).attempts()).isEqualTo(1);
    }

    @Test
    void resolversSeeIntentsAndUnknownsOlderThanTheGivenMomentOldestFirst() {
        journal.begin("a", EffectJournal.Kinds.SLACK_POST, Optional.empty(), Optional.empty(), 0);
        clock = Clock.offset(clock, java.time.Duration.ofSeconds(1));
        journal.begin("b", EffectJournal.Kinds.SLACK_POST, Optional.empty(), Optional.empty(), 0);
        journal.unknown("b", "timeout");
        clock = Clock.offset(clock, java.time.Duration.ofSeconds(1));
        journal.begin("c", EffectJournal.Kinds.SLACK_POST, Optional.empty(), Optional.empty(), 0);
        journal.done("c", "ts");
        journal.begin("d", EffectJournal.Kinds.SLACK_POST, Optional.empty(), Optional.empty(), 0);

        assertThat(journal.pending(clock.instant(), 10)).extracting(Effect::key).containsExactly("a", "b");
        assertThat(journal.pending(clock.instant().plusMillis(1), 10)).extracting(Effect::key).containsExactly("a", "b", "d");
        assertThat(journal.pending(clock.instant().plusMillis(1), 1)).extracting(Effect::key).containsExactly("a");
    }
}
