package dev.threadwork.config;

import java.util.List;

/** Every problem found in the configuration at once, so an operator fixes them in one go. */
public final class InvalidConfigurationException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        StringBuilder text = new StringBuilder("Threadwork cannot start: ")
                .append(problems.size())
                .append(problems.size() == 1 ? " configuration problem" : " configuration problems")
                .append(" (set them as environment variables or in config/threadwork.properties;"
                        + " see config/threadwork.env.example):");
        problems.forEach(problem -> text.append(System.lineSeparator()).append("  - ").append(problem));
        return text.toString();
    }
}
