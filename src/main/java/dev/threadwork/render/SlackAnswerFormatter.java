package dev.threadwork.render;

import java.util.List;

/** Markdown to mrkdwn, split into messages; past a number of messages, a file with a preview. */
public final class SlackAnswerFormatter implements AnswerFormatter {

    private final int maxMessages;

    public SlackAnswerFormatter(int maxMessages) {
        this.maxMessages = maxMessages;
    }

    @Override
    public Formatted format(String markdown) {
        String mrkdwn = MarkdownToMrkdwn.convert(markdown);
        if (mrkdwn.isBlank()) {
            return new Messages(List.of("_(no text)_"));
        }
        List<String> parts = MessageSplitter.split(mrkdwn, MessageSplitter.MAX_PART_CHARS);
        if (parts.size() <= maxMessages) {
            return new Messages(parts);
        }
        return new AsFile("answer.md", markdown, parts.getFirst() + "\n\n_The full answer ("
                + markdown.length() + " characters) is attached as a file._");
    }
}
