package dev.threadwork.fakes.slack;

/** Who the fake says the bot is (auth.test) and which token it accepts. */
public record BotIdentity(String token, String teamId, String teamName, String botUserId, String botId,
                          String appId, String botName) {

    public static BotIdentity defaults() {
        return new BotIdentity("xoxb-test-token", "T0FAKE0001", "Threadwork Test", "U0BOT00001", "B0BOT00001",
                "A0APP00001", "threadwork");
    }

    public BotIdentity withToken(String newToken) {
        return new BotIdentity(newToken, teamId, teamName, botUserId, botId, appId, botName);
    }

    String workspaceUrl() {
        return "https://" + teamName.toLowerCase().replaceAll("[^a-z0-9]+", "-") + ".slack.com/";
    }
}
