package dev.threadwork.bridge;

import java.util.Locale;
import java.util.Optional;

/** A parsed {@code /agent} command line. */
public sealed interface AgentCommand {

    String USAGE = String.join("\n",
            "*Threadwork* — delegate work to a Claude agent. In a channel or DM:",
            "• `/agent new <task>` — start a session in a new thread",
            "• `/agent list [mine]` — sessions in this channel (or yours), with status and cost",
            "• `/agent status [session]` — where a session stands (default: the latest in this channel)",
            "• `/agent stop [session]` — interrupt the agent",
            "• `/agent end [session]` — end and archive the session",
            "• `/agent config` — show this channel's settings; admins: `/agent config set <key> <value>`",
            "   keys: `agent`, `environment`, `instructions`, `policy` (anyone | allow-list), `allow` (user ids), `budget` (USD or none)",
            "   assistant pane: `prompts Title: message | …`, `workspace-prompts …`, `context on|off|default` (share this channel's recent messages)",
            "• `/agent help` — this text",
            "In a session's thread: mention me with `stop`, `status`, `end` or `new`, or use the buttons on the status card.");

    record New(String task) implements AgentCommand {
    }

    record ListSessions(boolean mine) implements AgentCommand {
    }

    record Status(Optional<String> sessionId) implements AgentCommand {
    }

    record Stop(Optional<String> sessionId) implements AgentCommand {
    }

    record End(Optional<String> sessionId) implements AgentCommand {
    }

    record ShowConfig() implements AgentCommand {
    }

    record SetConfig(String key, String value) implements AgentCommand {
    }

    record Help(Optional<String> unknown) implements AgentCommand {
    }

    static AgentCommand parse(String line) {
        String text = line == null ? "" : line.strip();
        String[] words = text.split("\\s+", 2);
        String verb = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        Optional<String> argument = rest.isEmpty() ? Optional.empty() : Optional.of(rest.split("\\s+")[0]);
        return switch (verb) {
            case "new", "start" -> rest.isEmpty() ? new Help(Optional.of("new needs a task: `/agent new <task>`")) : new New(rest);
            case "list", "ls" -> new ListSessions(rest.equalsIgnoreCase("mine"));
            case "status" -> new Status(argument);
            case "stop", "interrupt" -> new Stop(argument);
            case "end", "archive" -> new End(argument);
            case "config", "settings" -> parseConfig(rest);
            case "", "help" -> new Help(Optional.empty());
            default -> new Help(Optional.of("I don't know `" + words[0] + "`."));
        };
    }

    private static AgentCommand parseConfig(String rest) {
        if (rest.isEmpty() || rest.equalsIgnoreCase("show")) {
            return new ShowConfig();
        }
        String[] parts = rest.split("\\s+", 3);
        if (parts.length == 3 && parts[0].equalsIgnoreCase("set")) {
            return new SetConfig(parts[1].toLowerCase(Locale.ROOT), parts[2].strip());
        }
        return new Help(Optional.of("Use `/agent config` or `/agent config set <key> <value>`."));
    }
}
