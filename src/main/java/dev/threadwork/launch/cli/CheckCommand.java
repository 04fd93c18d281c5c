package dev.threadwork.launch.cli;

import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.threadwork.agents.AgentInfo;
import dev.threadwork.agents.AgentsApiException;
import dev.threadwork.agents.AgentsClient;
import dev.threadwork.agents.AgentsClientSettings;
import dev.threadwork.agents.EnvironmentInfo;
import dev.threadwork.config.ConfigFile;
import dev.threadwork.config.ConfigLoader;
import dev.threadwork.config.InvalidConfigurationException;
import dev.threadwork.config.ThreadworkConfig;
import dev.threadwork.slack.SlackClients;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code check}: the configuration as the server would read it, then Slack (the bot token with
 * {@code auth.test}; its scopes, from the {@code x-oauth-scopes} header, against the manifest's;
 * the app-level token in Socket Mode) and the Managed Agents API (the key, the default agent and
 * environment). Nothing is started or changed.
 */
final class CheckCommand {

    private final PrintStream out;
    private boolean failed;

    CheckCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        if (!args.isEmpty()) {
            out.println("check takes no options (it reads the same configuration as the server).");
            return Cli.USAGE;
        }
        ThreadworkConfig config;
        try {
            config = new ConfigLoader(ConfigFile.standardSources()).load();
        } catch (InvalidConfigurationException e) {
            out.println(e.getMessage());
            return Cli.BAD_CONFIGURATION;
        }
        pass("configuration: every setting is present and well-formed");
        checkSlack(config.slack());
        checkAnthropic(config.anthropic());
        out.println(failed ? "Some checks failed; fix them and run check again." : "All checks passed.");
        return failed ? Cli.FAILED : Cli.OK;
    }

    private void checkSlack(ThreadworkConfig.Slack slack) {
        try (SlackClients clients = new SlackClients(slack)) {
            AuthTestResponse auth = clients.methods().authTest(r -> r);
            if (!auth.isOk()) {
                fail("Slack: auth.test answered \"" + auth.getError() + "\" for SLACK_BOT_TOKEN"
                        + ("invalid_auth".equals(auth.getError()) || "not_authed".equals(auth.getError())
                        ? " (the token is wrong or was revoked: copy the Bot User OAuth Token again)" : ""));
                return;
            }
            pass("Slack: bot token accepted (workspace " + auth.getTeam() + " " + auth.getTeamId() + ", bot user "
                    + auth.getUserId() + ")");
            checkScopes(header(auth, "x-oauth-scopes"));
            if (slack.socketMode()) {
                var open = clients.slack().methods().appsConnectionsOpen(r -> r.token(slack.appToken().orElseThrow().reveal()));
                if (open.isOk()) {
                    pass("Slack: app-level token accepted (Socket Mode)");
                } else {
                    fail("Slack: apps.connections.open answered \"" + open.getError() + "\" for SLACK_APP_TOKEN"
                            + " (it needs the connections:write scope)");
                }
            }
        } catch (Exception e) {
            fail("Slack: cannot reach " + slack.apiUrl() + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private void checkScopes(Optional<String> granted) {
        List<String> wanted = ManifestScopes.bot();
        if (granted.isEmpty()) {
            fail("Slack: the answer named no scopes (no x-oauth-scopes header), so they cannot be compared with manifest.yml");
            return;
        }
        Set<String> have = new LinkedHashSet<>(Arrays.stream(granted.get().split(",")).map(String::trim).toList());
        List<String> missing = wanted.stream().filter(scope -> !have.contains(scope)).toList();
        if (missing.isEmpty()) {
            pass("Slack: the token has all " + wanted.size() + " scopes manifest.yml asks for");
        } else {
            fail("Slack: the token lacks " + String.join(", ", missing) + ": add them under OAuth & Permissions"
                    + " (or recreate the app from manifest.yml) and reinstall the app to the workspace");
        }
    }

    private void checkAnthropic(ThreadworkConfig.Anthropic anthropic) {
        try (AgentsClient agents = new AgentsClient(AgentsClientSettings.from(anthropic))) {
            int count = agents.listAgents(Optional.empty()).data().size();
            pass("Anthropic: API key accepted (" + count + (count == 1 ? " agent" : " agents") + " on the first page)");
            checkAgent(agents, anthropic.agentId());
            checkEnvironment(agents, anthropic.environmentId());
        } catch (AgentsApiException e) {
            fail("Anthropic: " + explain(e));
        } catch (RuntimeException e) {
            fail("Anthropic: cannot reach " + anthropic.baseUrl() + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void checkAgent(AgentsClient agents, String agentId) {
        try {
            AgentInfo agent = agents.retrieveAgent(agentId);
            pass("Anthropic: agent " + agent.id() + " exists (\"" + agent.name() + "\", " + agent.model() + ")");
        } catch (AgentsApiException e) {
            fail("Anthropic: THREADWORK_AGENT_ID " + agentId + ": " + explain(e)
                    + " (java -jar threadwork.jar setup lists your agents)");
        }
    }

    private void checkEnvironment(AgentsClient agents, String environmentId) {
        try {
            EnvironmentInfo environment = agents.retrieveEnvironment(environmentId);
            pass("Anthropic: environment " + environment.id() + " exists (\"" + environment.name() + "\")");
        } catch (AgentsApiException e) {
            fail("Anthropic: THREADWORK_ENVIRONMENT_ID " + environmentId + ": " + explain(e)
                    + " (java -jar threadwork.jar setup lists your environments)");
        }
    }

    static String explain(AgentsApiException e) {
        return switch (e.status()) {
            case 0 -> "cannot reach the API (" + e.getMessage() + ")";
            case 401 -> "the API rejected ANTHROPIC_API_KEY (authentication failed)";
            case 403 -> "the API key has no access to Managed Agents (permission denied)";
            case 404 -> "not found";
            default -> "the API answered " + e.status() + " " + e.getMessage();
        };
    }

    private static Optional<String> header(AuthTestResponse response, String name) {
        if (response.getHttpResponseHeaders() == null) {
            return Optional.empty();
        }
        return response.getHttpResponseHeaders().entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    private void pass(String line) {
        out.println("  ok    " + line);
    }

    private void fail(String line) {
        failed = true;
        out.println("  FAIL  " + line);
    }
}
