package dev.threadwork.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits mrkdwn into parts that each fit one Slack message, at paragraph, then line, then word
 * boundaries; a code block cut in two is closed at the end of one part and reopened in the next.
 * Nothing is dropped.
 */
public final class MessageSplitter {

    /** Well below Slack's 40,000 characters per message: long messages are hard to read anyway. */
    public static final int MAX_PART_CHARS = 12_000;

    private MessageSplitter() {
    }

    public static List<String> split(String text, int maxChars) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        boolean reopen = false;
        while (!rest.isEmpty()) {
            String prefix = reopen ? "```\n" : "";
            if (prefix.length() + rest.length() + 4 <= maxChars) {
                String last = prefix + rest;
                parts.add(countFences(last) % 2 == 1 ? last + "\n```" : last);
                break;
            }
            int cut = cutPoint(rest, maxChars - prefix.length() - 4);
            String part = prefix + rest.substring(0, cut).stripTrailing();
            rest = rest.substring(cut).replaceFirst("^\n+", "");
            reopen = countFences(part) % 2 == 1;
            parts.add(reopen ? part + "\n```" : part);
        }
        return parts;
    }

    private static int cutPoint(String text, int budget) {
        int limit = Math.min(budget, text.length());
        int paragraph = text.lastIndexOf("\n\n", limit);
        if (paragraph > limit / 2) {
            return paragraph + 2;
        }
        int line = text.lastIndexOf('\n', limit);
        if (line > limit / 2) {
            return line + 1;
        }
        int space = text.lastIndexOf(' ', limit);
        if (space > limit / 2) {
            return space + 1;
        }
        return limit;
    }

    private static int countFences(String text) {
        int count = 0;
        int at = text.indexOf("```");
        while (at >= 0) {
            count++;
            at = text.indexOf("```", at + 3);
        }
        return count;
    }
}
