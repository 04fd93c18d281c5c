package dev.threadwork.bridge;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keywords addressed to the bot inside a session's thread ({@code @bot stop}, {@code status},
 * {@code end}, {@code new <task>}, {@code help}): slash commands cannot be used in threads.
 */
public final class ThreadKeywords {

    private static final Logger LOG = Logger.getLogger(ThreadKeywords.class.getName());

    private final BindingStore bindings;
    private final OutboxStore outbox;
    private final SessionControl control;
    private final CommandHandler commands;
    private final InboundRouter router;
    private final ThreadNotices notices;
    private final EffectJournal journal;
    private final Executor actions;

    public ThreadKeywords(BindingStore bindings, OutboxStore outbox, SessionControl control, CommandHandler commands,
                          InboundRouter router, ThreadNotices notices, EffectJournal journal, Executor actions) {
        this.journal = journal;
        this.actions = actions;
        this.bindings = bindings;
        this.outbox = outbox;
        this.control = control;
        this.commands = commands;
        this.router = router;
        this.notices = notices;
    }

    /** The keyword in a message that mentions the bot, if its text is one. */
    public static Optional<String> keyword(String text) {
        String plain = SlackText.withoutMentions(text).strip();
        String first = plain.split("\\s+", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[.!?]$", "");
        boolean alone = plain.equalsIgnoreCase(first) || plain.equalsIgnoreCase(first + ".") || plain.equalsIgnoreCase(first + "!");
        return switch (first) {
            case "stop", "status", "end", "help" -> alone ? Optional.of(first) : Optional.empty();
            case "new" -> Optional.of(first);
            default -> Optional.empty();
        };
    }

    /**
     * Handles the message if it is a keyword for a thread with a session; returns false when it is
     * an ordinary message after all (no session in the thread, or not a keyword).
     */
    public boolean handle(SlackMessage message) {
        if (!message.mentionsBot() || message.fromBot()) {
            return false;
        }
        Optional<String> keyword = keyword(message.text());
        Optional<Binding> binding = bindings.find(message.thread()).filter(b -> b.sessionId().isPresent());
        if (keyword.isEmpty() || binding.isEmpty() && !keyword.get().equals("help")) {
            return false;
        }
        ThreadKey thread = message.thread();
        // Journaled, not merely claimed: a crash between the claim and the action leaves an intent that a
        // redelivery or the start-up resolver completes. The actions are safe to repeat (interrupt, archive,
        // a status read, a new session stored under its own key).
        String key = "control:" + message.dedupeKey();
        EffectJournal.Effect effect = journal.begin(key, EffectJournal.Kinds.CONTROL, Optional.of(thread),
                binding.flatMap(Binding::sessionId), 0);
        if (effect.done()) {
            return true; // handled when Slack first delivered it
        }
        outbox.claimControl(message.dedupeKey(), thread, message.ts(), message.userId(), message.text());
        // Claimed (stored) before the ack; the action itself calls the API, so it runs after it.
        actions.execute(() -> {
            String userId = message.userId();
            ControlReply reply;
            try {
                CrashPoints.hit("control.before");
                reply = act(keyword.get(), message, binding);
                journal.done(key, reply.done() ? "done" : "refused");
                CrashPoints.hit("control.committed");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The {0} keyword failed: {1}", new Object[] {keyword.get(), e.getMessage(),
                        LogContext.of(thread, binding.flatMap(Binding::sessionId).orElse(null))});
                reply = ControlReply.refused("That did not work (" + e.getClass().getSimpleName() + "); try again.");
            }
            notices.tell(thread, userId, reply.text());
        });
        return true;
    }

    private ControlReply act(String keyword, SlackMessage message, Optional<Binding> binding) {
        ThreadKey thread = message.thread();
        String teamId = thread.teamId();
        String userId = message.userId();
        return switch (keyword) {
            case "stop" -> control.stop(teamId, userId, binding.get().sessionId().orElseThrow());
            case "end" -> control.end(teamId, userId, binding.get().sessionId().orElseThrow());
            case "status" -> commands.handle(teamId, thread.channelId(), userId,
                    new AgentCommand.Status(binding.get().sessionId()));
            case "new" -> startAgain(message, binding.get());
            default -> ControlReply.done(AgentCommand.USAGE);
        };
    }

    /** Completes keyword commands that a crash interrupted between their claim and their action. */
    public int resumeInterrupted() {
        int resumed = 0;
        for (EffectJournal.Effect effect : journal.pending(java.time.Instant.now(), 500)) {
            if (!EffectJournal.Kinds.CONTROL.equals(effect.kind())) {
                continue;
            }
            Optional<InboundMessage> stored = outbox.findByDedupeKey(effect.key().substring("control:".length()));
            if (stored.isEmpty()) {
                journal.abandon(effect.key()); // claimed nothing yet: Slack had no ack and delivers it again
                continue;
            }
            InboundMessage m = stored.get();
            handle(new SlackMessage(m.thread().teamId(), m.thread().channelId(), m.userId(), m.messageTs(),
                    Optional.of(m.thread().threadTs()), m.text(), false, true, false, Optional.empty()));
            resumed++;
        }
        return resumed;
    }

    /** Ends the thread's session and starts a fresh one, linked to it, with the new task. */
    private ControlReply startAgain(SlackMessage message, Binding binding) {
        String task = SlackText.withoutMentions(message.text()).strip().replaceFirst("(?i)^new\\s*", "");
        if (task.isBlank()) {
            return ControlReply.refused("Tell me the new task: mention me with `new <task>`.");
        }
        if (binding.live()) {
            ControlReply ended = control.end(message.teamId(), message.userId(), binding.sessionId().orElseThrow());
            if (!ended.done()) {
                return ended;
            }
        }
        // Stored under its own key: this message was claimed as a keyword above.
        router.accept(new SlackMessage(message.teamId(), message.channelId(), message.userId(), message.ts(),
                message.threadTs(), task, message.direct(), true, false, Optional.empty()), "new:" + message.dedupeKey());
        return ControlReply.done("Starting a new session in this thread (the previous one is ended).");
    }
}
