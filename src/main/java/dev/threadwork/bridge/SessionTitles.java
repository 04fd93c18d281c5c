package dev.threadwork.bridge;

/** Session titles made from the task, as people see them in lists. */
public final class SessionTitles {

    static final int MAX_LENGTH = 80;

    private SessionTitles() {
    }

    public static String fromTask(String task) {
        String firstLine = SlackText.withoutMentions(task).strip().lines().findFirst().orElse("").strip();
        if (firstLine.isEmpty()) {
            return "Slack thread";
        }
        return firstLine.length() <= MAX_LENGTH ? firstLine : firstLine.substring(0, MAX_LENGTH - 1).strip() + "…";
    }
}
