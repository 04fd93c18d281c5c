package dev.threadwork.bridge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The operator's optional daily spend caps, per person and per workspace: once sessions have
 * cost as much as the cap today (UTC), no new session starts until midnight UTC.
 * Sessions already running go on; each has its own budget for that.
 */
public final class SpendCaps {

    private final SpendLedger ledger;
    private final AccessPolicy policy;
    private final Clock clock;

    public SpendCaps(SpendLedger ledger, AccessPolicy policy, Clock clock) {
        this.ledger = ledger;
        this.policy = policy;
        this.clock = clock;
    }

    /** No caps at all. */
    public static SpendCaps none() {
        return new SpendCaps((team, user, since) -> BigDecimal.ZERO, AccessPolicy.open(), Clock.systemUTC());
    }

    /** Why {@code userId} may not start a session now (a sentence for the thread), or empty. */
    public Optional<String> blocked(String teamId, String userId) {
        if (policy.dailyCapPerUserUsd().isEmpty() && policy.dailyCapPerWorkspaceUsd().isEmpty()) {
            return Optional.empty();
        }
        Instant since = LocalDate.now(clock.withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (policy.dailyCapPerUserUsd().isPresent()) {
            BigDecimal cap = policy.dailyCapPerUserUsd().get();
            BigDecimal spent = ledger.spentSince(teamId, Optional.of(userId), since);
            if (spent.compareTo(cap) >= 0) {
                return Optional.of("<@" + userId + "> reached the daily spend cap of " + usd(cap) + " per person (" + usd(spent)
                        + " spent today); new sessions can start again after midnight UTC, or ask a Threadwork admin");
            }
        }
        if (policy.dailyCapPerWorkspaceUsd().isPresent()) {
            BigDecimal cap = policy.dailyCapPerWorkspaceUsd().get();
            BigDecimal spent = ledger.spentSince(teamId, Optional.empty(), since);
            if (spent.compareTo(cap) >= 0) {
                return Optional.of("this workspace reached its daily spend cap of " + usd(cap) + " (" + usd(spent)
                        + " spent today); new sessions can start again after midnight UTC");
            }
        }
        return Optional.empty();
    }

    private static String usd(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
