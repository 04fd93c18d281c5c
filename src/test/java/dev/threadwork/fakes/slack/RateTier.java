package dev.threadwork.fakes.slack;

import java.time.Duration;

/**
 * A token bucket: {@code burst} calls at once, refilled at {@code calls} per {@code per}.
 * Slack publishes per-minute tiers and tolerates short bursts; a bucket models both.
 */
public record RateTier(String name, int calls, Duration per, int burst) {

    public static final RateTier TIER_1 = perMinute("Tier 1", 1);
    public static final RateTier TIER_2 = perMinute("Tier 2", 20);
    public static final RateTier TIER_3 = perMinute("Tier 3", 50);
    public static final RateTier TIER_4 = perMinute("Tier 4", 100);
    /** "Several hundred per minute" (auth.test, chat.getPermalink, assistant.threads.setStatus). */
    public static final RateTier SPECIAL_HIGH = perMinute("Special", 600);
    /** chat.postMessage: about one per second per channel, short bursts tolerated. */
    public static final RateTier POST_MESSAGE = new RateTier("chat.postMessage special", 1, Duration.ofSeconds(1), 3);

    public static RateTier perMinute(String name, int calls) {
        return new RateTier(name, calls, Duration.ofMinutes(1), calls);
    }

    double tokensPerNano() {
        return (double) calls / per.toNanos();
    }
}
