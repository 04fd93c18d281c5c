package dev.threadwork.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Earlier Slack messages as context for the agent (a thread's earlier messages, the recent messages
 * of the channel open beside the assistant pane), in the one attribution format of
 * {@link MessageComposer}: {@code Name [U…]: text} with further lines quoted, labelled when the
 * author may not talk to the channel's sessions, is outside the workspace, a webhook, or this bot.
 */
final class AttributedContext {

    private final People people;
    private final Permissions permissions;
    private final Supplier<String> botUserId;
    private final int budgetChars;

    /** @param permissions null: no allow-list labels */
    AttributedContext(People people, Permissions permissions, Supplier<String> botUserId, int budgetChars) {
        this.people = people;
        this.permissions = permissions;
        this.botUserId = botUserId;
        this.budgetChars = budgetChars;
    }

    /**
     * The most recent entries that fit the budget, oldest first, under {@code heading} (a line from
     * Threadwork), saying how many were left out; empty when there is nothing to tell.
     *
     * @param where the channel whose allow-list labels the authors
     */
    Optional<String> render(ThreadKey where, String heading, List<ThreadHistory.Entry> entries) {
        if (entries.isEmpty() || budgetChars <= 0) {
            return Optional.empty();
        }
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (int i = entries.size() - 1; i >= 0; i--) {
            ThreadHistory.Entry entry = entries.get(i);
            String line = MessageComposer.quoted(author(where, entry),
                    SlackText.toPlain(entry.text(), botUserId.get(), id -> id));
            if (used + line.length() + 1 > budgetChars) {
                if (kept.isEmpty()) {
                    kept.add(line.substring(0, Math.max(0, budgetChars - 1)) + "…");
                }
                break;
            }
            kept.addFirst(line);
            used += line.length() + 1;
        }
        int omitted = entries.size() - kept.size();
        StringBuilder context = new StringBuilder(MessageComposer.THREADWORK).append(heading).append(" (oldest first")
                .append(omitted > 0 ? ", " + omitted + " older ones omitted" : "")
                .append("):");
        kept.forEach(line -> context.append('\n').append(line));
        return Optional.of(context.toString());
    }

    /** Who wrote an earlier message, labelled when it is not someone who may talk to sessions here. */
    private String author(ThreadKey where, ThreadHistory.Entry entry) {
        String bot = botUserId.get();
        if (entry.userId().isPresent() && entry.userId().get().equals(bot)) {
            return MessageComposer.speaker("Threadwork", bot) + " (this bot's earlier output)";
        }
        if (entry.bot() || entry.userId().isEmpty()) {
            return "Webhook or app posting as \"" + MessageComposer.safeName(entry.author()) + "\" (not a Slack user)";
        }
        String userId = entry.userId().get();
        String speaker = MessageComposer.speaker(entry.author(), userId);
        if (permissions == null || permissions.mayTalk(where.teamId(), where.channelId(), userId)) {
            return speaker;
        }
        return speaker + (people.external(where.teamId(), userId) ? " (from outside this workspace)"
                : " (not on this channel's allow-list)");
    }
}
