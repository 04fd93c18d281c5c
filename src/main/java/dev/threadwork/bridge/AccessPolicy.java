package dev.threadwork.bridge;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the operator decides for the whole deployment, beneath each channel's own settings.
 *
 * @param defaultTalkPolicy       who may talk to sessions in a channel whose admins chose no policy
 * @param directMessages          who may use the bot in direct messages (and the assistant pane)
 * @param allowExternalUsers      whether Slack Connect users from other workspaces may use the bot at all
 * @param dailyCapPerUserUsd      spend today (UTC) on sessions a person started, above which they start no more
 * @param dailyCapPerWorkspaceUsd the same for the whole workspace
 */
public record AccessPolicy(
        ChannelSettings.TalkPolicy defaultTalkPolicy,
        DirectMessages directMessages,
        boolean allowExternalUsers,
        Optional<BigDecimal> dailyCapPerUserUsd,
        Optional<BigDecimal> dailyCapPerWorkspaceUsd) {

    /** Who may talk to the bot in a direct message. */
    public enum DirectMessages { ANYONE, ADMINS, OFF }

    public AccessPolicy {
        if (defaultTalkPolicy == ChannelSettings.TalkPolicy.DEFAULT) {
            throw new IllegalArgumentException("the deployment's default policy must be anyone or allow-list");
        }
    }

    /** Everything open, no caps: what Threadwork did before these settings existed. */
    public static AccessPolicy open() {
        return new AccessPolicy(ChannelSettings.TalkPolicy.ANYONE, DirectMessages.ANYONE, false, Optional.empty(), Optional.empty());
    }
}
