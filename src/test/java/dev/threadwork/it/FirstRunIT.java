package dev.threadwork.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadwork.fakes.agents.FakeManagedAgents;
import dev.threadwork.fakes.slack.BotIdentity;
import dev.threadwork.fakes.slack.FakeSlack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code setup} and {@code check}, run as a new user would, against the loopback fakes; no server is started. */
class FirstRunIT {

    private FakeSlack slack;
    private FakeManagedAgents agents;

    @BeforeEach
    void fakes() {
        slack = new FakeSlack(BotIdentity.defaults().withToken(TestSecrets.BOT_TOKEN), 0, Clock.systemUTC()).start();
        agents = new FakeManagedAgents(TestSecrets.API_KEY, 0).start();
    }

    @AfterEach
    void close() {
        agents.close();
        slack.close();
    }

    @Test
    void checkPassesWhenTokenScopesKeyAgentAndEnvironmentAreRight() throws Exception {
        slack.grantScopes(manifestScopes());

        CliRun run = CliRun.of(AppProcess.validEnv(slack.apiUrl(), agents.baseUrl()), "check");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("bot token accepted", "T0FAKE0001", "all " + manifestScopes().size() + " scopes",
                "API key accepted", "agent agent_default exists", "environment env_default exists", "All checks passed");
        assertNoSecrets(run.output());
        assertThat(slack.calls("auth.test")).isNotEmpty();
    }

    @Test
    void checkNamesTheMissingScopesAndTheAgentThatDoesNotExist() throws Exception {
        slack.grantScopes(manifestScopes().stream().filter(s -> !s.equals("reactions:write") && !s.equals("files:read")).toList());
        Map<String, String> env = AppProcess.validEnv(slack.apiUrl(), agents.baseUrl());
        env.put("THREADWORK_AGENT_ID", "agent_gone");

        CliRun run = CliRun.of(env, "check");

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("lacks files:read, reactions:write").contains("agent_gone: not found")
                .contains("environment env_default exists").contains("Some checks failed");
        assertNoSecrets(run.output());
    }

    @Test
    void checkReportsARejectedBotTokenAndKeyWithoutPrintingThem() throws Exception {
        Map<String, String> env = AppProcess.validEnv(slack.apiUrl(), agents.baseUrl());
        env.put("SLACK_BOT_TOKEN", "xoxb-revoked-0000");
        env.put("ANTHROPIC_API_KEY", "sk-ant-wrong-0000");

        CliRun run = CliRun.of(env, "check");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("invalid_auth", "rejected ANTHROPIC_API_KEY")
                .doesNotContain("xoxb-revoked-0000", "sk-ant-wrong-0000");
    }

    @Test
    void checkWithAnIncompleteConfigurationNamesEveryMissingSettingAndExits2() throws Exception {
        CliRun run = CliRun.of(Map.of("SLACK_BOT_TOKEN", "xoxb-only-this"), "check");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("SLACK_SIGNING_SECRET", "ANTHROPIC_API_KEY", "THREADWORK_AGENT_ID")
                .doesNotContain("xoxb-only-this");
        assertThat(slack.calls("auth.test")).isEmpty();
    }

    @Test
    void setupWithOnlyAnApiKeyListsWhatExistsCreatesAgentAndEnvironmentAndPrintsTheSettings() throws Exception {
        CliRun run = CliRun.of(anthropicOnly(), "setup", "--create-agent", "--create-environment");

        assertThat(run.exit()).as(run.output()).isZero();
        String agentId = settingOf(run.output(), "THREADWORK_AGENT_ID");
        String environmentId = settingOf(run.output(), "THREADWORK_ENVIRONMENT_ID");
        assertThat(run.output()).contains("agent_default", "env_default", "Created agent " + agentId,
                "Created environment " + environmentId);
        assertThat(agentId).isNotEqualTo("agent_default");
        JsonNode agent = agents.createRequest(agentId).orElseThrow();
        assertThat(agent.path("tools").get(0).path("type").asText()).isEqualTo("agent_toolset_20260401");
        assertThat(agent.path("name").asText()).isEqualTo("Threadwork");
        assertThat(agents.createRequest(environmentId).orElseThrow().path("config").path("type").asText()).isEqualTo("cloud");
        assertNoSecrets(run.output());
    }

    @Test
    void setupWithoutATerminalOrFlagsCreatesNothingAndSuggestsWhatExists() throws Exception {
        CliRun run = CliRun.of(anthropicOnly(), "setup");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(settingOf(run.output(), "THREADWORK_AGENT_ID")).isEqualTo("agent_default");
        assertThat(settingOf(run.output(), "THREADWORK_ENVIRONMENT_ID")).isEqualTo("env_default");
        assertThat(agents.requestLog()).noneMatch(line -> line.startsWith("POST"));
    }

    @Test
    void setupWithAWrongKeySaysSoWithoutPrintingIt() throws Exception {
        Map<String, String> env = anthropicOnly();
        env.put("ANTHROPIC_API_KEY", "sk-ant-wrong-1111");

        CliRun run = CliRun.of(env, "setup", "--create-agent");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("rejected ANTHROPIC_API_KEY").doesNotContain("sk-ant-wrong-1111");
        assertThat(agents.requestLog()).noneMatch(line -> line.startsWith("POST"));
    }

    private Map<String, String> anthropicOnly() {
        Map<String, String> env = new HashMap<>();
        env.put("ANTHROPIC_API_KEY", TestSecrets.API_KEY);
        env.put("ANTHROPIC_BASE_URL", agents.baseUrl());
        return env;
    }

    private static String settingOf(String output, String key) {
        Matcher matcher = Pattern.compile("(?m)^" + key + "=(\\S+)").matcher(output);
        assertThat(matcher.find()).as(key + " in:\n" + output).isTrue();
        return matcher.group(1);
    }

    /** The bot scopes manifest.yml asks for (the list under oauth_config/scopes/bot). */
    private static List<String> manifestScopes() throws Exception {
        String manifest = Files.readString(Path.of("manifest.yml"));
        String bot = manifest.substring(manifest.indexOf("    bot:"), manifest.indexOf("settings:"));
        return bot.lines().map(String::trim).filter(l -> l.startsWith("- "))
                .map(l -> l.substring(2).replaceAll("\\s+#.*$", "").strip()).toList(); // a scope may carry a comment
    }

    private static void assertNoSecrets(String output) {
        assertThat(output).doesNotContain(TestSecrets.BOT_TOKEN, TestSecrets.SIGNING_SECRET, TestSecrets.API_KEY);
    }
}
