package dev.threadwork.launch.cli;

import dev.threadwork.agents.AgentInfo;
import dev.threadwork.agents.AgentsApiException;
import dev.threadwork.agents.AgentsClient;
import dev.threadwork.agents.AgentsClientSettings;
import dev.threadwork.agents.EnvironmentInfo;
import dev.threadwork.agents.Page;
import dev.threadwork.config.ConfigFile;
import dev.threadwork.config.ConfigLoader;
import dev.threadwork.config.InvalidConfigurationException;
import dev.threadwork.config.ThreadworkConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code setup}: checks the Anthropic API key, lists the agents and environments it can use,
 * creates a default agent (Managed Agents toolset) and a cloud environment when asked to (flags,
 * or a question on a terminal), and prints the two settings to put in the configuration.
 */
final class SetupCommand {

    /** Enough to show what exists without paging through a large organisation. */
    private static final int MAX_PAGES = 5;

    private final Terminal terminal;
    private final PrintStream out;

    SetupCommand(Terminal terminal) {
        this.terminal = terminal;
        this.out = terminal.out();
    }

    int run(SetupOptions options) {
        if (options.help()) {
            out.println(SetupOptions.USAGE);
            return Cli.OK;
        }
        ThreadworkConfig.Anthropic anthropic;
        try {
            anthropic = new ConfigLoader(ConfigFile.standardSources()).loadAnthropic();
        } catch (InvalidConfigurationException e) {
            out.println(e.getMessage());
            return Cli.BAD_CONFIGURATION;
        }
        try (AgentsClient agents = new AgentsClient(AgentsClientSettings.from(anthropic))) {
            List<AgentInfo> agentList = all(agents::listAgents);
            out.println("ANTHROPIC_API_KEY works (" + anthropic.baseUrl() + ").");
            List<EnvironmentInfo> environmentList = all(agents::listEnvironments);
            printAgents(agentList, anthropic.agentId());
            printEnvironments(environmentList, anthropic.environmentId());

            boolean ask = !options.noInput() && terminal.interactive();
            Optional<String> agentId = configured(anthropic.agentId(), agentList.stream().map(AgentInfo::id).toList());
            if (options.createAgent() || (ask && terminal.confirm("Create an agent \"" + options.agentName() + "\" ("
                    + options.model() + ", Managed Agents toolset)?", agentList.isEmpty()))) {
                AgentInfo created = agents.createAgent(options.agentName(), options.model(), Optional.empty());
                out.println("Created agent " + created.id() + " (\"" + created.name() + "\", " + created.model() + ").");
                agentId = Optional.of(created.id());
            }
            Optional<String> environmentId = configured(anthropic.environmentId(),
                    environmentList.stream().map(EnvironmentInfo::id).toList());
            if (options.createEnvironment() || (ask && terminal.confirm("Create a cloud environment \""
                    + options.environmentName() + "\"?", environmentList.isEmpty()))) {
                EnvironmentInfo created = agents.createCloudEnvironment(options.environmentName());
                out.println("Created environment " + created.id() + " (\"" + created.name() + "\", cloud).");
                environmentId = Optional.of(created.id());
            }
            printSettings(agentId.or(() -> agentList.stream().findFirst().map(AgentInfo::id)),
                    environmentId.or(() -> environmentList.stream().findFirst().map(EnvironmentInfo::id)),
                    agentList.size() > 1 && agentId.isEmpty(), environmentList.size() > 1 && environmentId.isEmpty());
            return Cli.OK;
        } catch (AgentsApiException e) {
            out.println("The Managed Agents API refused: " + CheckCommand.explain(e) + ".");
            return Cli.FAILED;
        }
    }

    private static <T> List<T> all(Function<Optional<String>, Page<T>> list) {
        List<T> items = new ArrayList<>();
        Optional<String> page = Optional.empty();
        for (int i = 0; i < MAX_PAGES; i++) {
            Page<T> current = list.apply(page);
            items.addAll(current.data());
            page = current.nextPage();
            if (page.isEmpty()) {
                break;
            }
        }
        return items;
    }

    /** The configured id when it is among those listed. */
    private static Optional<String> configured(String id, List<String> existing) {
        return Optional.ofNullable(id).filter(existing::contains);
    }

    private void printAgents(List<AgentInfo> agents, String configured) {
        out.println(agents.isEmpty() ? "Agents: none yet." : "Agents:");
        agents.forEach(agent -> out.println("  " + agent.id() + "  \"" + agent.name() + "\"  " + agent.model()
                + (agent.id().equals(configured) ? "  (THREADWORK_AGENT_ID)" : "")));
        if (configured != null && !configured.isEmpty() && agents.stream().noneMatch(a -> a.id().equals(configured))) {
            out.println("  THREADWORK_AGENT_ID is " + configured + ", which is not among them.");
        }
    }

    private void printEnvironments(List<EnvironmentInfo> environments, String configured) {
        out.println(environments.isEmpty() ? "Environments: none yet." : "Environments:");
        environments.forEach(environment -> out.println("  " + environment.id() + "  \"" + environment.name() + "\""
                + (environment.id().equals(configured) ? "  (THREADWORK_ENVIRONMENT_ID)" : "")));
        if (configured != null && !configured.isEmpty() && environments.stream().noneMatch(e -> e.id().equals(configured))) {
            out.println("  THREADWORK_ENVIRONMENT_ID is " + configured + ", which is not among them.");
        }
    }

    private void printSettings(Optional<String> agentId, Optional<String> environmentId, boolean agentChoice,
                               boolean environmentChoice) {
        out.println();
        out.println("Settings to use (environment variables or config/threadwork.properties):");
        out.println(agentId.map(id -> "THREADWORK_AGENT_ID=" + id + (agentChoice ? "   # or another agent listed above" : ""))
                .orElse("# THREADWORK_AGENT_ID: no agent yet; run setup --create-agent"));
        out.println(environmentId.map(id -> "THREADWORK_ENVIRONMENT_ID=" + id
                        + (environmentChoice ? "   # or another environment listed above" : ""))
                .orElse("# THREADWORK_ENVIRONMENT_ID: no environment yet; run setup --create-environment"));
    }
}
