package dev.threadwork.fakes.slack;

/**
 * A seeded workspace member, answered by users.info.
 *
 * @param teamId the user's own workspace; null for the bot's workspace (another one: a Slack Connect user)
 */
public record FakeUser(String id, String displayName, String realName, boolean isBot, String teamId) {

    public FakeUser(String id, String displayName, String realName, boolean isBot) {
        this(id, displayName, realName, isBot, null);
    }
}
