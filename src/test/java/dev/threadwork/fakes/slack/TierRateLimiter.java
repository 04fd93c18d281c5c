package dev.threadwork.fakes.slack;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slack's per-method rate tiers (per workspace; chat.postMessage per channel), as published in the
 * method docs and mirrored in the SDK's MethodsRateLimits. Answers the Retry-After a call must wait.
 */
final class TierRateLimiter {

    private static final double EPSILON = 1e-6;
    private static final Map<String, RateTier> TIERS = new HashMap<>();

    static {
        TIERS.put("chat.postMessage", RateTier.POST_MESSAGE);
        TIERS.put("chat.update", RateTier.TIER_3);
        TIERS.put("chat.delete", RateTier.TIER_3);
        TIERS.put("chat.postEphemeral", RateTier.TIER_4);
        TIERS.put("chat.getPermalink", RateTier.SPECIAL_HIGH);
        TIERS.put("chat.startStream", RateTier.TIER_2);
        TIERS.put("chat.appendStream", RateTier.TIER_4);
        TIERS.put("chat.stopStream", RateTier.TIER_2);
        TIERS.put("reactions.add", RateTier.TIER_3);
        TIERS.put("reactions.remove", RateTier.TIER_2);
        TIERS.put("conversations.replies", RateTier.TIER_3);
        TIERS.put("conversations.info", RateTier.TIER_3);
        TIERS.put("users.info", RateTier.TIER_4);
        TIERS.put("auth.test", RateTier.SPECIAL_HIGH);
        TIERS.put("assistant.threads.setStatus", RateTier.SPECIAL_HIGH);
        TIERS.put("assistant.threads.setTitle", RateTier.TIER_4);
        TIERS.put("assistant.threads.setSuggestedPrompts", RateTier.TIER_4);
        TIERS.put("conversations.history", RateTier.TIER_3);
        TIERS.put("views.open", RateTier.TIER_4);
        TIERS.put("views.update", RateTier.TIER_4);
        TIERS.put("views.publish", RateTier.TIER_4);
        TIERS.put("files.getUploadURLExternal", RateTier.TIER_4);
        TIERS.put("files.completeUploadExternal", RateTier.TIER_4);
    }

    private record BucketKey(String method, String channel) {
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastNanos = nowNanos;
        }
    }

    private final InstantSource clock;
    private final Map<String, RateTier> overrides = new ConcurrentHashMap<>();
    private final Map<BucketKey, Bucket> buckets = new HashMap<>();

    TierRateLimiter(InstantSource clock) {
        this.clock = clock;
    }

    static RateTier defaultTier(String method) {
        return TIERS.getOrDefault(method, RateTier.TIER_3);
    }

    void override(String method, RateTier tier) {
        overrides.put(method, tier);
    }

    RateTier tier(String method) {
        return overrides.getOrDefault(method, defaultTier(method));
    }

    /** Takes a token; when none is left, returns the whole seconds until one is (Slack's Retry-After). */
    synchronized OptionalLong acquire(String method, String channel) {
        RateTier tier = tier(method);
        BucketKey key = new BucketKey(method, method.equals("chat.postMessage") ? channel : null);
        long now = nanos();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(tier.burst(), now));
        bucket.tokens = Math.min(tier.burst(), bucket.tokens + (now - bucket.lastNanos) * tier.tokensPerNano());
        bucket.lastNanos = now;
        if (bucket.tokens >= 1.0 - EPSILON) { // tolerate float error: waiting exactly Retry-After must succeed
            bucket.tokens = Math.max(0, bucket.tokens - 1.0);
            return OptionalLong.empty();
        }
        double missingNanos = (1.0 - bucket.tokens) / tier.tokensPerNano();
        return OptionalLong.of(Math.max(1, (long) Math.ceil(missingNanos / 1e9)));
    }

    synchronized void reset() {
        buckets.clear();
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
