package dev.threadwork.launch.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The first-run commands, {@code setup} and {@code check}: run by the launcher in a class loader of
 * their own (the application's classes and libraries, no server). Exit codes: 0 all good, 1 a
 * check failed, 2 the configuration is incomplete or malformed, 64 a wrong command line.
 */
public final class Cli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_CONFIGURATION = 2;
    static final int USAGE = 64;

    private Cli() {
    }

    public static int run(String command, List<String> args) {
        quietLibraries();
        PrintStream out = System.out;
        Terminal terminal = new Terminal(out, System.console() == null ? null
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        try {
            return switch (command) {
                case "check" -> new CheckCommand(out).run(args);
                case "setup" -> new SetupCommand(terminal).run(SetupOptions.parse(args));
                default -> USAGE;
            };
        } catch (SetupOptions.UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(SetupOptions.USAGE);
            return USAGE;
        }
    }

    /** The SDKs log through java.util.logging at INFO; a command's output is its own lines only. */
    private static void quietLibraries() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.OFF);
    }
}
