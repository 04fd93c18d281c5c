package dev.threadwork.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadwork.bridge.AssistantThreads;
import dev.threadwork.bridge.Binding;
import dev.threadwork.bridge.HomeData;
import dev.threadwork.bridge.SuggestedPrompts;
import dev.threadwork.bridge.SurfaceSettingsStore;
import dev.threadwork.bridge.ThreadKey;
import dev.threadwork.config.Secret;
import dev.threadwork.config.ThreadworkConfig;
import dev.threadwork.render.RenderState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assistant pane and App Home tables against a real H2 file database, migrated by Flyway. */
class SurfaceStoreTest {

    private static final ThreadKey PANE = new ThreadKey("T1", "D1", "100.000");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    @TempDir
    Path dir;

    private Database database;
    private Jdbc jdbc;

    @BeforeEach
    void open() {
        database = new Database(new ThreadworkConfig.Database("jdbc:h2:file:" + dir.resolve("db"), "", new Secret("")));
        database.migrate();
        jdbc = new Jdbc(database.dataSource());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aPaneThreadIsRecordedOnceAndRemembersTheChannelInViewAndWhatTheAgentWasTold() {
        JdbcAssistantThreads threads = new JdbcAssistantThreads(jdbc);
        assertThat(threads.started(PANE, "U1", Optional.of("C1"))).isTrue();
        assertThat(threads.started(PANE, "U1", Optional.of("C1"))).isFalse();
        threads.told(PANE, "C1");
        threads.contextChanged(PANE, "U1", Optional.of("C2"));
        assertThat(threads.find(PANE)).contains(new AssistantThreads.AssistantThread(PANE, "U1", Optional.of("C2"), Optional.of("C1")));
        ThreadKey unknown = new ThreadKey("T1", "D1", "200.000");
        threads.contextChanged(unknown, "U1", Optional.of("C3"));
        assertThat(threads.find(unknown).orElseThrow().contextChannelId()).contains("C3");
    }

    @Test
    void promptsAndSharingAreStoredPerChannelAndForTheWorkspace() {
        JdbcSurfaceSettings settings = new JdbcSurfaceSettings(jdbc);
        List<SuggestedPrompts.Prompt> prompts = List.of(new SuggestedPrompts.Prompt("Triage", "Triage \"it\": now"));
        settings.save(new SurfaceSettingsStore.Entry("T1", "C1", Optional.of(prompts), Optional.empty(), "U0ADMIN", Instant.now()));
        settings.save(new SurfaceSettingsStore.Entry("T1", "*", Optional.empty(), Optional.of(SurfaceSettingsStore.ShareHistory.OFF),
                "U0ADMIN", Instant.now()));
        assertThat(settings.find("T1", "C1").orElseThrow().prompts()).contains(prompts);
        assertThat(settings.find("T1", "*").orElseThrow().shareHistory()).contains(SurfaceSettingsStore.ShareHistory.OFF);
        assertThat(settings.find("T1", "C9")).isEmpty();
    }

    @Test
    void eachSessionsCostGrowthIsBookedOnceOnTheDayItIsSeenToItsStarterAndChannel() {
        ThreadBindings bindings = new ThreadBindings(jdbc);
        JdbcRenderStates states = new JdbcRenderStates(jdbc);
        JdbcHomeData home = new JdbcHomeData(jdbc);
        bindings.create(new Binding(new ThreadKey("T1", "C1", "1.0"), Optional.empty(), "1.0", "U1", "a", "e", "task",
                Binding.State.CREATING, Optional.empty(), Instant.now()));
        bindings.attachSession(new ThreadKey("T1", "C1", "1.0"), "sesn_1");
        Instant before = Instant.now().minusSeconds(5);
        states.save(cost("sesn_1", "0.25"));

        home.bookSpend(before, TODAY.minusDays(1));
        home.bookSpend(before, TODAY.minusDays(1)); // seen again (another pass, another instance): not booked twice
        states.save(cost("sesn_1", "1.00"));
        home.bookSpend(before, TODAY);

        HomeData.Person alice = new HomeData.Person("T1", "U1");
        assertThat(home.spendOf(alice, TODAY)).isEqualTo(new HomeData.Spend(new BigDecimal("0.750000"), new BigDecimal("1.000000")));
        assertThat(home.spendByChannel("T1", TODAY, 5)).containsExactly(new HomeData.ChannelSpend("C1", new BigDecimal("1.000000")));
        assertThat(home.spendOf(alice, TODAY.plusMonths(1))).isEqualTo(new HomeData.Spend(BigDecimal.ZERO, BigDecimal.ZERO));
        assertThat(home.changedSince(before)).containsExactly(alice);
        assertThat(home.changedSince(Instant.now().plusSeconds(60))).isEmpty();

        home.opened(alice, Instant.now());
        home.opened(alice, Instant.now());
        assertThat(home.viewers(before)).containsExactly(alice);
    }

    private static RenderState cost(String sessionId, String usd) {
        RenderState fresh = RenderState.fresh(sessionId);
        return new RenderState(sessionId, fresh.lastEventId(), fresh.turnFirstEventId(), fresh.answerTs(), fresh.cardTs(),
                fresh.pendingPostKey(), "done", new BigDecimal(usd), 10, 5, false);
    }
}
