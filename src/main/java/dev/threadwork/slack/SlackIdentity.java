package dev.threadwork.slack;

/** Who the bot is in the workspace, from {@code auth.test}. */
public record SlackIdentity(String teamId, String botUserId, String botId) {
}
