package dev.threadwork.launch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Where a command talks to its user. Questions are asked only on an interactive terminal; without
 * one (a script, a container, CI) every question takes its stated default, so nothing ever waits
 * for input that cannot come.
 */
final class Terminal {

    private final PrintStream out;
    private final BufferedReader in;

    /** @param in the console's input, or null when there is no console */
    Terminal(PrintStream out, BufferedReader in) {
        this.out = out;
        this.in = in;
    }

    PrintStream out() {
        return out;
    }

    boolean interactive() {
        return in != null;
    }

    /** Asks a yes/no question; the default applies without a console, on an empty answer or at end of input. */
    boolean confirm(String question, boolean defaultYes) {
        if (in == null) {
            return defaultYes;
        }
        out.print(question + (defaultYes ? " [Y/n] " : " [y/N] "));
        out.flush();
        try {
            String answer = in.readLine();
            if (answer == null || answer.isBlank()) {
                return defaultYes;
            }
            return answer.trim().toLowerCase().startsWith("y");
        } catch (IOException e) {
            return defaultYes;
        }
    }
}
