package dev.threadwork.bridge;

import java.math.BigDecimal;
import java.util.Optional;

/** Which agent and environment a new session in a channel uses. */
public interface SessionDefaults {

    /**
     * @param instructions extra instructions the channel adds to every task
     * @param budgetUsd    the spend cap per session, when the channel sets one
     */
    record Choice(String agentId, String environmentId, Optional<String> instructions, Optional<BigDecimal> budgetUsd) {
    }

    Choice forChannel(String teamId, String channelId);
}
