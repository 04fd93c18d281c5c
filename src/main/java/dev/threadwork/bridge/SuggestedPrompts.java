package dev.threadwork.bridge;

import java.util.ArrayList;
import java.util.List;

/** Suggested prompts of the assistant pane: what they are, how admins write them, the built-in ones. */
public final class SuggestedPrompts {

    /** Slack shows at most four prompts in a pane thread. */
    public static final int MAX = 4;
    static final int MAX_TITLE = 75;
    static final int MAX_MESSAGE = 1_000;

    /** One prompt: the chip's title and the message it sends. */
    public record Prompt(String title, String message) {
    }

    public static final List<Prompt> DEFAULTS = List.of(
            new Prompt("Summarise this channel", "Summarise the recent discussion in the channel I have open and list the open questions."),
            new Prompt("Fix a failing test", "Find out why the build is failing and propose a fix."),
            new Prompt("Review a change", "Review the latest changes for bugs and risky edits, and explain what you find."),
            new Prompt("Draft release notes", "Draft release notes from the recent merged changes."));

    private SuggestedPrompts() {
    }

    /**
     * Parses an admin's list: entries separated by {@code |} or new lines, each {@code Title: message}
     * (without a colon the message is its own title).
     */
    public static List<Prompt> parse(String text) {
        List<Prompt> prompts = new ArrayList<>();
        for (String entry : text.split("\\s*(?:\\||\\n)\\s*")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String title = colon >= 0 ? trimmed.substring(0, colon).strip() : trimmed;
            String message = colon >= 0 ? trimmed.substring(colon + 1).strip() : trimmed;
            if (title.isEmpty() || message.isEmpty()) {
                throw new IllegalArgumentException("Each prompt needs a title and a message: `Title: message`.");
            }
            if (title.length() > MAX_TITLE) {
                throw new IllegalArgumentException("A prompt's title can have at most " + MAX_TITLE + " characters: `"
                        + title.substring(0, 20) + "…`.");
            }
            if (message.length() > MAX_MESSAGE) {
                throw new IllegalArgumentException("A prompt's message can have at most " + MAX_MESSAGE + " characters.");
            }
            prompts.add(new Prompt(title, message));
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("Give one to four prompts: `Title: message | Title: message`.");
        }
        if (prompts.size() > MAX) {
            throw new IllegalArgumentException("Slack shows at most " + MAX + " suggested prompts; you gave " + prompts.size() + ".");
        }
        return List.copyOf(prompts);
    }

    /** One line per prompt, for {@code /agent config}. */
    public static String describe(List<Prompt> prompts) {
        StringBuilder text = new StringBuilder();
        for (Prompt prompt : prompts) {
            text.append("\n    ◦ *").append(prompt.title()).append("*: ").append(prompt.message());
        }
        return text.toString();
    }
}
