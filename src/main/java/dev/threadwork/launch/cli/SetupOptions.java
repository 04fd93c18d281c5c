package dev.threadwork.launch.cli;

import java.util.List;
import java.util.Optional;

/** {@code setup}'s command line. */
record SetupOptions(boolean createAgent, boolean createEnvironment, String agentName, String model,
                    String environmentName, boolean noInput, boolean help) {

    static final String DEFAULT_AGENT_NAME = "Threadwork";
    static final String DEFAULT_MODEL = com.anthropic.models.beta.agents.BetaManagedAgentsModel.CLAUDE_SONNET_5_5.asString();
    static final String DEFAULT_ENVIRONMENT_NAME = "threadwork";

    static final String USAGE = """
            Usage: java -jar threadwork.jar setup [options]
              Checks ANTHROPIC_API_KEY, lists your agents and environments and prints the
              THREADWORK_AGENT_ID / THREADWORK_ENVIRONMENT_ID settings to use.
              --create-agent              create a default agent with the Managed Agents toolset
              --agent-name NAME           its name (default: %s)
              --model MODEL               its model (default: %s)
              --create-environment        create a cloud environment
              --environment-name NAME     its name (default: %s)
              --no-input                  never ask (the default without a terminal): create only what the flags say
            On a terminal, setup offers to create what is missing; elsewhere it creates only what the flags ask for."""
            .formatted(DEFAULT_AGENT_NAME, DEFAULT_MODEL, DEFAULT_ENVIRONMENT_NAME);

    static SetupOptions parse(List<String> args) {
        boolean createAgent = false;
        boolean createEnvironment = false;
        boolean noInput = false;
        boolean help = false;
        String agentName = DEFAULT_AGENT_NAME;
        String model = DEFAULT_MODEL;
        String environmentName = DEFAULT_ENVIRONMENT_NAME;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--create-agent" -> createAgent = true;
                case "--create-environment" -> createEnvironment = true;
                case "--no-input", "--yes" -> noInput = true;
                case "--help", "-h" -> help = true;
                case "--agent-name" -> agentName = value(args, ++i, arg);
                case "--model" -> model = value(args, ++i, arg);
                case "--environment-name" -> environmentName = value(args, ++i, arg);
                default -> throw new UsageException("Unknown option \"" + arg + "\".");
            }
        }
        return new SetupOptions(createAgent, createEnvironment, agentName, model, environmentName, noInput, help);
    }

    private static String value(List<String> args, int index, String option) {
        return Optional.of(index).filter(i -> i < args.size()).map(args::get).filter(v -> !v.isBlank() && !v.startsWith("--"))
                .orElseThrow(() -> new UsageException(option + " needs a value."));
    }

    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }
}
