package dev.threadwork.bridge;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A channel's own choices for new sessions; whatever is empty falls back to the configured defaults.
 *
 * @param talkPolicy who may talk to the channel's sessions
 * @param allowList  the users allowed to talk when the policy is {@link TalkPolicy#ALLOW_LIST}
 * @param budgetUsd  the spend cap set on each new session
 */
public record ChannelSettings(
        String teamId,
        String channelId,
        Optional<String> agentId,
        Optional<String> environmentId,
        Optional<String> instructions,
        TalkPolicy talkPolicy,
        Set<String> allowList,
        Optional<BigDecimal> budgetUsd,
        String updatedBy,
        Instant updatedAt) {

    /** {@link #DEFAULT}: the channel follows the deployment's default ({@code THREADWORK_DEFAULT_TALK_POLICY}). */
    public enum TalkPolicy { ANYONE, ALLOW_LIST, DEFAULT }

    public static ChannelSettings defaults(String teamId, String channelId) {
        return new ChannelSettings(teamId, channelId, Optional.empty(), Optional.empty(), Optional.empty(),
                TalkPolicy.DEFAULT, Set.of(), Optional.empty(), "", Instant.EPOCH);
    }
}
