package dev.threadwork.bridge;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Slack's message markup, turned into the plain text an agent reads. */
public final class SlackText {

    private static final Pattern USER_MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern CHANNEL = Pattern.compile("<#[CG][A-Z0-9]+\\|([^>]*)>");
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>]+)(?:\\|([^>]*))?>");
    private static final Pattern SPECIAL = Pattern.compile("<!(here|channel|everyone)(?:\\|[^>]*)?>");

    private SlackText() {
    }

    /** Removes every user mention (used for titles, where names add nothing). */
    public static String withoutMentions(String text) {
        return USER_MENTION.matcher(text).replaceAll("").replaceAll("[ \\t]{2,}", " ").strip();
    }

    /**
     * Plain text for the agent: the bot's own mention removed, other mentions as {@code @name},
     * links as {@code text (url)}, and Slack's HTML escapes undone.
     */
    public static String toPlain(String text, String botUserId, UnaryOperator<String> nameOfUser) {
        Matcher mentions = USER_MENTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (mentions.find()) {
            String userId = mentions.group(1);
            String replacement = userId.equals(botUserId) ? "" : "@" + nameOfUser.apply(userId);
            mentions.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        mentions.appendTail(out);
        String plain = CHANNEL.matcher(out).replaceAll("#$1");
        plain = LINK.matcher(plain).replaceAll(match -> Matcher.quoteReplacement(
                match.group(2) == null || match.group(2).equals(match.group(1))
                        ? match.group(1) : match.group(2) + " (" + match.group(1) + ")"));
        plain = SPECIAL.matcher(plain).replaceAll("@$1");
        return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("[ \\t]{2,}", " ").strip();
    }
}
