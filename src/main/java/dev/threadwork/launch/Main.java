package dev.threadwork.launch;

import java.util.Arrays;
import java.util.List;

/**
 * What {@code java -jar threadwork.jar [command]} does: no command (or {@code serve}) runs the
 * bot; {@code setup} and {@code check} are the first-run commands, which run without starting
 * the server.
 */
public final class Main {

    static final int EXIT_USAGE = 64;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String version = Main.class.getPackage().getImplementationVersion();
        System.setProperty("threadwork.version", version == null ? "(unpackaged)" : version);
        // Options without a command are passed to Payara Micro, as before.
        boolean payaraOptions = args.length == 0 || args[0].startsWith("--") && !args[0].equals("--help");
        String command = payaraOptions ? "serve" : args[0];
        List<String> rest = payaraOptions ? List.of(args) : Arrays.asList(args).subList(1, args.length);
        switch (command) {
            case "serve" -> Server.start(rest);
            case "setup", "check" -> System.exit(CliLauncher.run(command, rest));
            case "help", "-h", "--help" -> {
                System.out.println(usage());
                System.exit(0);
            }
            default -> {
                System.err.println("Unknown command \"" + command + "\".\n" + usage());
                System.exit(EXIT_USAGE);
            }
        }
    }

    static String usage() {
        return """
                Usage: java -jar threadwork.jar [command]
                  (none) | serve   run the bot (configuration from the environment or config/threadwork.properties)
                  setup            check the Anthropic API key, list agents and environments, optionally create
                                   a default agent and a cloud environment, and print the settings to use
                                   (java -jar threadwork.jar setup --help for its options)
                  check            verify the configuration, the Slack token and its scopes, and the Anthropic
                                   key, agent and environment, without starting the server
                  help             this text""";
    }
}
