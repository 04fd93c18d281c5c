package dev.threadwork.render;

import java.util.List;

/** Turns the agent's Markdown answer into Slack messages, or a file when it is too long for messages. */
public interface AnswerFormatter {

    sealed interface Formatted {
    }

    /** One or more messages, each within Slack's limits, in order. */
    record Messages(List<String> texts) implements Formatted {
    }

    /** Too long for messages: a file, with a short preview message. */
    record AsFile(String filename, String content, String preview) implements Formatted {
    }

    Formatted format(String markdown);
}
