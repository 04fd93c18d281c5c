package dev.threadwork.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a Slack message into the text of a {@code user.message}: attributed to its author, the
 * bot's mention removed, and, for the first message of a session, a note on how to read the
 * conversation, the channel's instructions and (started mid-thread) the thread's earlier messages.
 *
 * <p>The format keeps speakers apart, since display names are chosen by users and not unique and
 * any message can contain a line such as {@code Alice: approve the deploy}:
 * <ul>
 *   <li>every message starts a line with {@code Name [USER_ID]: } — the id is who spoke; names
 *       lose brackets, colons, quotes and line breaks, so no name can imitate an id;</li>
 *   <li>every further line of the same message starts with {@code > }, so nothing a person writes
 *       ever starts a line of its own;</li>
 *   <li>lines from Threadwork itself, including an admin's channel instructions, start with
 *       {@code [Threadwork]}, which no person's line can.</li>
 * </ul>
 */
public final class MessageComposer {

    static final String THREADWORK = "[Threadwork] ";
    static final String FORMAT_NOTE = THREADWORK + "How to read this conversation: each Slack message starts a line with its"
            + " author's display name and Slack user id, as `Name [U…]: text`; further lines of the same message start with `> `."
            + " Display names are chosen by users and are not unique: the id says who spoke. Lines that start with [Threadwork]"
            + " come from Threadwork and the channel's admins, never from a user.";
    private static final int MAX_NAME_CHARS = 60;

    private final People people;
    private final ThreadHistory history;
    private final Supplier<String> botUserId;
    private final SessionDefaults defaults;
    private final int contextBudgetChars;
    private final Permissions permissions;

    public MessageComposer(People people, ThreadHistory history, Supplier<String> botUserId, SessionDefaults defaults,
                           int contextBudgetChars) {
        this(people, history, botUserId, defaults, contextBudgetChars, null);
    }

    /** @param permissions labels earlier messages from people who may not talk to the channel's sessions; null: no labels */
    public MessageComposer(People people, ThreadHistory history, Supplier<String> botUserId, SessionDefaults defaults,
                           int contextBudgetChars, Permissions permissions) {
        this.people = people;
        this.history = history;
        this.botUserId = botUserId;
        this.defaults = defaults;
        this.contextBudgetChars = contextBudgetChars;
        this.permissions = permissions;
    }

    public String compose(InboundMessage message, Binding binding) {
        String teamId = message.thread().teamId();
        String text = SlackText.toPlain(message.text(), botUserId.get(), id -> safeName(people.displayName(teamId, id)));
        String said = quoted(speaker(people.displayName(teamId, message.userId()), message.userId()), text);
        if (message.kind() != InboundMessage.Kind.START) {
            return said;
        }
        StringBuilder first = new StringBuilder(said).append("\n\n").append(FORMAT_NOTE);
        Optional<String> instructions = defaults.forChannel(teamId, message.thread().channelId()).instructions();
        instructions.filter(s -> !s.isBlank()).ifPresent(s -> {
            first.append('\n').append(THREADWORK).append("Channel instructions from a Threadwork admin:");
            s.strip().lines().forEach(line -> first.append('\n').append(THREADWORK).append(line));
        });
        if (!message.thread().threadTs().equals(message.messageTs()) && contextBudgetChars > 0) {
            List<ThreadHistory.Entry> earlier = history.before(message.thread(), message.messageTs());
            contextWithinBudget(message.thread(), earlier).ifPresent(context -> first.append('\n').append(context));
        }
        return first.toString();
    }

    /** The most recent earlier messages that fit the budget, oldest first, saying how many were left out. */
    Optional<String> contextWithinBudget(ThreadKey thread, List<ThreadHistory.Entry> earlier) {
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (int i = earlier.size() - 1; i >= 0; i--) {
            ThreadHistory.Entry entry = earlier.get(i);
            String line = quoted(author(thread, entry), SlackText.toPlain(entry.text(), botUserId.get(), id -> id));
            if (used + line.length() + 1 > contextBudgetChars) {
                if (kept.isEmpty()) {
                    kept.add(line.substring(0, Math.max(0, contextBudgetChars - 1)) + "…");
                }
                break;
            }
            kept.addFirst(line);
            used += line.length() + 1;
        }
        int omitted = earlier.size() - kept.size();
        StringBuilder context = new StringBuilder(THREADWORK).append("Earlier messages in this Slack thread (oldest first")
                .append(omitted > 0 ? ", " + omitted + " older ones omitted" : "")
                .append("):");
        kept.forEach(line -> context.append('\n').append(line));
        return Optional.of(context.toString());
    }

    /** Who wrote an earlier message, labelled when it is not someone who may talk to sessions here. */
    private String author(ThreadKey thread, ThreadHistory.Entry entry) {
        String bot = botUserId.get();
        if (entry.userId().isPresent() && entry.userId().get().equals(bot)) {
            return speaker("Threadwork", bot) + " (this bot's earlier output)";
        }
        if (entry.bot() || entry.userId().isEmpty()) {
            return "Webhook or app posting as \"" + safeName(entry.author()) + "\" (not a Slack user)";
        }
        String userId = entry.userId().get();
        String speaker = speaker(entry.author(), userId);
        if (permissions == null || permissions.mayTalk(thread.teamId(), thread.channelId(), userId)) {
            return speaker;
        }
        return speaker + (people.external(thread.teamId(), userId) ? " (from outside this workspace)"
                : " (not on this channel's allow-list)");
    }

    static String speaker(String displayName, String userId) {
        return safeName(displayName) + " [" + userId.replaceAll("[^A-Z0-9]", "") + "]";
    }

    /** {@code header: first line}, every further line quoted, so no line of the text starts a line of its own. */
    static String quoted(String header, String text) {
        String[] lines = text.split("\\R", -1);
        StringBuilder out = new StringBuilder(header).append(": ").append(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.append('\n').append('>').append(lines[i].isEmpty() ? "" : " " + lines[i]);
        }
        return out.toString();
    }

    /** A display name that cannot break a line, imitate an id or a quote, or pass for Threadwork. */
    static String safeName(String name) {
        String safe = name == null ? "" : name.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\[\\]\":<>`]", " ")
                .replaceAll("\\s+", " ").strip();
        if (safe.length() > MAX_NAME_CHARS) {
            safe = safe.substring(0, MAX_NAME_CHARS).strip();
        }
        return safe.isEmpty() ? "someone" : safe;
    }
}
