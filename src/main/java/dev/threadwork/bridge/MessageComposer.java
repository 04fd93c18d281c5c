package dev.threadwork.bridge;

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
    private final AttributedContext context;
    private final ChannelInView channelInView;

    public MessageComposer(People people, ThreadHistory history, Supplier<String> botUserId, SessionDefaults defaults,
                           int contextBudgetChars) {
        this(people, history, botUserId, defaults, contextBudgetChars, null, ChannelInView.NONE);
    }

    public MessageComposer(People people, ThreadHistory history, Supplier<String> botUserId, SessionDefaults defaults,
                           int contextBudgetChars, Permissions permissions) {
        this(people, history, botUserId, defaults, contextBudgetChars, permissions, ChannelInView.NONE);
    }

    /**
     * @param permissions   labels earlier messages from people who may not talk to the channel's sessions; null: no labels
     * @param channelInView the channel open beside an assistant pane thread, told to the agent when it changes
     */
    public MessageComposer(People people, ThreadHistory history, Supplier<String> botUserId, SessionDefaults defaults,
                           int contextBudgetChars, Permissions permissions, ChannelInView channelInView) {
        this.channelInView = channelInView;
        this.people = people;
        this.history = history;
        this.botUserId = botUserId;
        this.defaults = defaults;
        this.contextBudgetChars = contextBudgetChars;
        this.context = new AttributedContext(people, permissions, botUserId, contextBudgetChars);
    }

    public String compose(InboundMessage message, Binding binding) {
        String teamId = message.thread().teamId();
        String text = SlackText.toPlain(message.text(), botUserId.get(), id -> safeName(people.displayName(teamId, id)));
        String said = quoted(speaker(people.displayName(teamId, message.userId()), message.userId()), text);
        // The channel open beside an assistant pane thread, when it is new to the agent.
        String inView = channelInView.contextFor(message).map(context -> "\n\n" + context).orElse("");
        if (message.kind() != InboundMessage.Kind.START) {
            return said + inView;
        }
        StringBuilder first = new StringBuilder(said).append("\n\n").append(FORMAT_NOTE);
        Optional<String> instructions = defaults.forChannel(teamId, message.thread().channelId()).instructions();
        instructions.filter(s -> !s.isBlank()).ifPresent(s -> {
            first.append('\n').append(THREADWORK).append("Channel instructions from a Threadwork admin:");
            s.strip().lines().forEach(line -> first.append('\n').append(THREADWORK).append(line));
        });
        if (!message.thread().threadTs().equals(message.messageTs()) && contextBudgetChars > 0
                && !channelInView.paneThread(message.thread())) {
            List<ThreadHistory.Entry> earlier = history.before(message.thread(), message.messageTs());
            contextWithinBudget(message.thread(), earlier).ifPresent(context -> first.append('\n').append(context));
        }
        return first.append(inView).toString();
    }

    /** The most recent earlier messages that fit the budget, oldest first, saying how many were left out. */
    Optional<String> contextWithinBudget(ThreadKey thread, List<ThreadHistory.Entry> earlier) {
        return context.render(thread, "Earlier messages in this Slack thread", earlier);
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
