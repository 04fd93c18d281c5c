package dev.threadwork.bridge;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a person's App Home shows: their sessions (live first, then by last activity) with the
 * controls they may use, their spend today and this month, and for admins the workspace: live
 * sessions, spend per channel, the latest audit entries, backlogs and health.
 */
public final class HomeSnapshots {

    static final int MY_SESSIONS = 15;
    static final int LIVE_SESSIONS = 20;
    static final int CHANNELS = 10;
    static final int AUDIT_ENTRIES = 8;

    /** One session as listed; {@code mayControl} says whether Stop / End are offered to the viewer. */
    public record Row(Binding binding, Optional<SessionSummaries.Summary> summary, String status, Instant lastActivity,
                      boolean mayControl) {
    }

    public record Health(int outboxBacklog, int slackBacklog, int openStreams, List<String> problems) {
    }

    public record Workspace(List<Row> live, List<HomeData.ChannelSpend> spendByChannel, List<AuditLog.Entry> audit,
                            Health health) {
    }

    public record Snapshot(HomeData.Person person, List<Row> sessions, HomeData.Spend spend, Optional<Workspace> workspace,
                           LocalDate day) {
    }

    private final BindingStore bindings;
    private final SessionSummaries summaries;
    private final HomeData data;
    private final Permissions permissions;
    private final Supplier<Health> health;
    private final Clock clock;

    public HomeSnapshots(BindingStore bindings, SessionSummaries summaries, HomeData data, Permissions permissions,
                         Supplier<Health> health, Clock clock) {
        this.bindings = bindings;
        this.summaries = summaries;
        this.data = data;
        this.permissions = permissions;
        this.health = health;
        this.clock = clock;
    }

    public Snapshot of(HomeData.Person person) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Row> mine = bindings.startedBy(person.teamId(), person.userId(), MY_SESSIONS).stream()
                .map(binding -> row(binding, person.userId()))
                .sorted(LIVE_FIRST)
                .toList();
        Optional<Workspace> workspace = Optional.empty();
        if (permissions.admin(person.userId())) {
            List<Row> live = bindings.live().stream()
                    .filter(b -> b.thread().teamId().equals(person.teamId()))
                    .map(binding -> row(binding, person.userId()))
                    .sorted(LIVE_FIRST)
                    .limit(LIVE_SESSIONS)
                    .toList();
            workspace = Optional.of(new Workspace(live, data.spendByChannel(person.teamId(), today, CHANNELS),
                    data.recentAudit(person.teamId(), AUDIT_ENTRIES), health.get()));
        }
        return new Snapshot(person, mine, data.spendOf(person, today), workspace, today);
    }

    /** Admins' Home also shows the workspace, so any session's change concerns it. */
    public boolean seesWorkspace(HomeData.Person person) {
        return permissions.admin(person.userId());
    }

    private static final Comparator<Row> LIVE_FIRST = Comparator.comparing((Row r) -> !r.binding().live())
            .thenComparing(Row::lastActivity, Comparator.reverseOrder());

    private Row row(Binding binding, String viewer) {
        Optional<SessionSummaries.Summary> summary = binding.sessionId().flatMap(summaries::summary);
        Instant last = summary.map(SessionSummaries.Summary::updatedAt).filter(at -> at.isAfter(binding.createdAt()))
                .orElse(binding.createdAt());
        return new Row(binding, summary, status(binding, summary), last,
                binding.live() && binding.sessionId().isPresent() && permissions.mayControl(binding, viewer));
    }

    private static String status(Binding binding, Optional<SessionSummaries.Summary> summary) {
        if (!binding.live()) {
            return "ended";
        }
        if (binding.sessionId().isEmpty()) {
            return "starting";
        }
        return summary.map(SessionSummaries.Summary::status).orElse("starting");
    }
}
