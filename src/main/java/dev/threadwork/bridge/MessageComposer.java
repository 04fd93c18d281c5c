package dev.threadwork.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a Slack message into the text of a {@code user.message}: attributed to its author, the
 * bot's mention removed, and, for the first message of a session started mid-thread, the thread's
 * earlier messages as context within a character budget.
 */
public final class MessageComposer {

    private final People people;
    private final ThreadHistory history;
    private final Supplier<String> botUserId;
    private final SessionDefaults defaults;
    private final int contextBudgetChars;
    private final ChannelInView channelInView;

    public MessageComposer(People people, ThreadHistory history, Supplier<String> botUserId, SessionDefaults defaults,
                           int contextBudgetChars) {
        this(people, history, botUserId, defaults, contextBudgetChars, ChannelInView.NONE);
    }

    public MessageComposer(People people, ThreadHistory history, Supplier<String> botUserId, SessionDefaults defaults,
                           int contextBudgetChars, ChannelInView channelInView) {
        this.channelInView = channelInView;
        this.people = people;
        this.history = history;
        this.botUserId = botUserId;
        this.defaults = defaults;
        this.contextBudgetChars = contextBudgetChars;
    }

    public String compose(InboundMessage message, Binding binding) {
        String teamId = message.thread().teamId();
        String author = people.displayName(teamId, message.userId());
        String text = SlackText.toPlain(message.text(), botUserId.get(), id -> people.displayName(teamId, id));
        String said = author + ": " + text;
        // The channel open beside an assistant pane thread, when it is new to the agent.
        String inView = channelInView.contextFor(message).map(context -> "\n\n" + context).orElse("");
        if (message.kind() != InboundMessage.Kind.START) {
            return said + inView;
        }
        StringBuilder first = new StringBuilder(said);
        Optional<String> instructions = defaults.forChannel(teamId, message.thread().channelId()).instructions();
        instructions.filter(s -> !s.isBlank()).ifPresent(s -> first.append("\n\nChannel instructions: ").append(s.strip()));
        if (!message.thread().threadTs().equals(message.messageTs()) && contextBudgetChars > 0
                && !channelInView.paneThread(message.thread())) {
            List<ThreadHistory.Entry> earlier = history.before(message.thread(), message.messageTs());
            contextWithinBudget(earlier).ifPresent(context -> first.append("\n\n").append(context));
        }
        return first.append(inView).toString();
    }

    /** The most recent earlier messages that fit the budget, oldest first, saying how many were left out. */
    Optional<String> contextWithinBudget(List<ThreadHistory.Entry> earlier) {
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (int i = earlier.size() - 1; i >= 0; i--) {
            ThreadHistory.Entry entry = earlier.get(i);
            String line = entry.author() + ": " + SlackText.toPlain(entry.text(), botUserId.get(), id -> id);
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
        StringBuilder context = new StringBuilder("Earlier messages in this Slack thread (oldest first")
                .append(omitted > 0 ? ", " + omitted + " older ones omitted" : "")
                .append("):");
        kept.forEach(line -> context.append('\n').append(line));
        return Optional.of(context.toString());
    }
}
