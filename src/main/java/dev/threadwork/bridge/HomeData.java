package dev.threadwork.bridge;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** What the App Home shows beyond bindings and summaries, and who has opened it (implemented in {@code store}). */
public interface HomeData {

    /** A person in a workspace. */
    record Person(String teamId, String userId) {
    }

    /** Spend of a person (or a channel) on the UTC day given and in its month. */
    record Spend(BigDecimal today, BigDecimal month) {
    }

    record ChannelSpend(String channelId, BigDecimal month) {
    }

    /** Remembers that a person opened the Home tab, so later changes refresh it. */
    void opened(Person person, Instant at);

    /** People who opened the Home tab since {@code since}. */
    List<Person> viewers(Instant since);

    /** The starters of sessions whose binding or rendering changed after {@code since}. */
    Set<Person> changedSince(Instant since);

    /** Books each session's cost growth seen after {@code since} on {@code day}, once across all instances. */
    void bookSpend(Instant since, LocalDate day);

    Spend spendOf(Person person, LocalDate day);

    /** This month's spend per channel, highest first. */
    List<ChannelSpend> spendByChannel(String teamId, LocalDate day, int limit);

    /** The workspace's latest audit entries, newest first. */
    List<AuditLog.Entry> recentAudit(String teamId, int limit);
}
