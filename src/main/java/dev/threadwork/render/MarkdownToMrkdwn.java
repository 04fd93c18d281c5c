package dev.threadwork.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Standard Markdown (what the agent writes) to Slack mrkdwn. Code spans and fenced blocks pass
 * through untouched but for Slack's three escapes; headings become bold lines; tables go into a
 * code block, since mrkdwn has none. Never throws, whatever the input.
 */
public final class MarkdownToMrkdwn {

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*\\|.*\\|\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]+`");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern BOLD = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern ITALIC_STAR = Pattern.compile("(?<![*\\w])\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*(?![*\\w])");
    private static final Pattern STRIKE = Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~");
    private static final Pattern SAFE_TARGET = Pattern.compile("(?i)(https?://[^\\s]|mailto:[^\\s])");
    /** Placeholders that survive the inline passes; private-use characters never typed by anyone. */
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';

    private MarkdownToMrkdwn() {
    }

    public static String convert(String markdown) {
        if (markdown == null || markdown.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        // The placeholders must never come from the input: they turn into '<' and '>'.
        String[] lines = markdown.replace(OPEN, '\uFFFD').replace(CLOSE, '\uFFFD').replace("\r\n", "\n").split("\n", -1);
        boolean inFence = false;
        boolean inTable = false;
        for (String line : lines) {
            if (FENCE.matcher(line).find()) {
                if (inTable) {
                    out.append("```\n");
                    inTable = false;
                }
                out.append(inFence ? "```" : "```").append('\n');
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                out.append(escape(line)).append('\n');
                continue;
            }
            if (TABLE_ROW.matcher(line).matches()) {
                if (!inTable) {
                    out.append("```\n");
                    inTable = true;
                }
                if (!line.matches("^\\s*\\|[\\s:|-]+\\|\\s*$")) {
                    out.append(escape(line.strip())).append('\n');
                }
                continue;
            }
            if (inTable) {
                out.append("```\n");
                inTable = false;
            }
            out.append(convertLine(line)).append('\n');
        }
        if (inFence || inTable) {
            out.append("```\n"); // an unclosed block still renders as code, not as a stray fence
        }
        return out.toString().stripTrailing();
    }

    private static String convertLine(String line) {
        Matcher heading = HEADING.matcher(line);
        if (heading.matches()) {
            String text = heading.group(1).replaceAll("\\*\\*|__", "");
            return "*" + inline(text) + "*";
        }
        Matcher bullet = BULLET.matcher(line);
        if (bullet.matches() && !line.strip().matches("([-*_])\\s*\\1\\s*\\1[-*_\\s]*")) {
            return bullet.group(1) + "• " + inline(bullet.group(2));
        }
        if (line.strip().matches("([-*_])\\s*\\1\\s*\\1[-*_\\s]*")) {
            return "──────────";
        }
        if (line.startsWith(">")) {
            return ">" + inline(line.substring(1));
        }
        return inline(line);
    }

    /** Inline markup of one line, code spans protected from everything else. */
    private static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher code = CODE_SPAN.matcher(text);
        int last = 0;
        while (code.find()) {
            out.append(inlineText(text.substring(last, code.start())));
            out.append(escape(code.group()));
            last = code.end();
        }
        out.append(inlineText(text.substring(last)));
        return out.toString();
    }

    private static String inlineText(String text) {
        String result = IMAGE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                link(m.group(2), m.group(1).isBlank() ? "image" : m.group(1))));
        result = LINK.matcher(result).replaceAll(m -> Matcher.quoteReplacement(link(m.group(2), m.group(1))));
        // Escape what is left outside links, then restore the link brackets.
        StringBuilder escaped = new StringBuilder();
        boolean inLink = false;
        for (char c : result.toCharArray()) {
            if (c == OPEN) {
                inLink = true;
                escaped.append('<');
            } else if (c == CLOSE) {
                inLink = false;
                escaped.append('>');
            } else {
                escaped.append(inLink ? String.valueOf(c) : escape(String.valueOf(c)));
            }
        }
        result = escaped.toString();
        result = BOLD.matcher(result).replaceAll(m -> Matcher.quoteReplacement(OPEN + m.group(2) + OPEN));
        result = ITALIC_STAR.matcher(result).replaceAll(m -> Matcher.quoteReplacement("_" + m.group(1) + "_"));
        result = STRIKE.matcher(result).replaceAll(m -> Matcher.quoteReplacement("~" + m.group(1) + "~"));
        return result.replace(OPEN, '*');
    }

    /**
     * A link Slack will render, or only its text: agent output is hostile, so a target other than
     * http, https or mailto ({@code !channel}, {@code @U…}, {@code #C…}, {@code javascript:}) never
     * becomes Slack markup, and the target cannot close the link early or add a label of its own.
     */
    private static String link(String target, String label) {
        if (!SAFE_TARGET.matcher(target).lookingAt()) {
            return label; // plain text: escaped with the rest of the line
        }
        String safeTarget = target.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C");
        return OPEN + safeTarget + "|" + escape(label) + CLOSE;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
