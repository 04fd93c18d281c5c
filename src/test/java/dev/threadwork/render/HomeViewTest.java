package dev.threadwork.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.threadwork.bridge.AuditLog;
import dev.threadwork.bridge.Binding;
import dev.threadwork.bridge.HomeData;
import dev.threadwork.bridge.HomeSnapshots;
import dev.threadwork.bridge.SessionSummaries;
import dev.threadwork.bridge.ThreadKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HomeViewTest {

    private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");
    private final HomeView view = new HomeView(thread -> Optional.of("https://example.slack.com/archives/" + thread.channelId()));

    @Test
    void aSessionShowsTitleStatusChannelActivityTokensCostLinkAndItsControls() {
        String json = json(view.build(snapshot(List.of(row("sess_1", "Fix <the> build & *ship*", true, true)), Optional.empty()),
                Optional.empty()));
        assertThat(json).contains("Fix &lt;the&gt; build &amp; *ship*")
                .contains(":hourglass_flowing_sand: working · <#C0GENERAL1> · last activity <!date^" + AT.getEpochSecond())
                .contains("1,100 tokens · $0.03").contains("\"action_id\":\"home_stop\"").contains("\"action_id\":\"home_end\"")
                .contains("https://example.slack.com/archives/C0GENERAL1").contains("today: *$1.50* · this month: *$12.00*");
    }

    @Test
    void noControlsForSessionsTheViewerMayNotControlAndNoWorkspaceForNonAdmins() {
        String json = json(view.build(snapshot(List.of(row("sess_2", "Theirs", true, false)), Optional.empty()), Optional.empty()));
        assertThat(json).doesNotContain("home_stop").doesNotContain("Workspace (admins)");
    }

    @Test
    void adminsSeeTheWorkspaceAndTheViewStaysWithinSlacksBlockLimit() {
        List<HomeSnapshots.Row> many = IntStream.range(0, 60).mapToObj(i -> row("sess_" + i, "Task " + i, true, true)).toList();
        HomeSnapshots.Workspace workspace = new HomeSnapshots.Workspace(many,
                List.of(new HomeData.ChannelSpend("C0GENERAL1", new BigDecimal("3.5")), new HomeData.ChannelSpend("D0ALICE001",
                        new BigDecimal("1.25")), new HomeData.ChannelSpend("D0BOB00001", new BigDecimal("0.5"))),
                List.of(new AuditLog.Entry(AT, "T1", Optional.of("C0GENERAL1"), "U0BOB00001", "stop", Optional.of("sess_1"),
                        AuditLog.Outcome.DENIED, "")),
                new HomeSnapshots.Health(2, 1, 5, List.of("Socket Mode is not connected")));
        View built = view.build(snapshot(many, Optional.of(workspace)), Optional.of("Stopped."));
        assertThat(built.getBlocks()).hasSizeLessThanOrEqualTo(HomeView.MAX_BLOCKS);
        List<HomeSnapshots.Row> few = new ArrayList<>(many.subList(0, 3));
        String json = json(view.build(snapshot(few, Optional.of(workspace)), Optional.empty()));
        assertThat(json).contains("Workspace (admins)").contains("*Live sessions* (60)").contains("<#C0GENERAL1>: $3.50\\n• direct messages: $1.75\"")
                .contains("<@U0BOB00001> stop `sess_1` — denied").contains(":red_circle: Socket Mode is not connected")
                .contains("Outbox backlog: *2*");
    }

    private static HomeSnapshots.Snapshot snapshot(List<HomeSnapshots.Row> rows, Optional<HomeSnapshots.Workspace> workspace) {
        return new HomeSnapshots.Snapshot(new HomeData.Person("T1", "U0ALICE001"), rows,
                new HomeData.Spend(new BigDecimal("1.5"), new BigDecimal("12")), workspace, LocalDate.of(2026, 11, 28));
    }

    private static HomeSnapshots.Row row(String sessionId, String title, boolean live, boolean mayControl) {
        Binding binding = new Binding(new ThreadKey("T1", "C0GENERAL1", "1700000000.000100"), Optional.of(sessionId),
                "1700000000.000100", "U0ALICE001", "agent", "env", title, live ? Binding.State.ACTIVE : Binding.State.ENDED,
                Optional.empty(), AT.minusSeconds(600));
        return new HomeSnapshots.Row(binding, Optional.of(new SessionSummaries.Summary("working", new BigDecimal("0.03"), 1_000, 100, AT)),
                "working", AT, mayControl);
    }

    /** As Slack (and the fake) see it: Gson's HTML escapes undone by a JSON round trip. */
    private static String json(View view) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(GsonFactory.createSnakeCase().toJson(view)).toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
