package dev.threadwork.bridge;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Decides what a Slack message means for the bridge and stores it before Slack gets its ack:
 * a message that starts a session, a reply to a bound thread, or nothing for us.
 */
public final class InboundRouter {

    private static final Logger LOG = Logger.getLogger(InboundRouter.class.getName());
    /** Subtypes that are still a person saying something; edits, joins, deletions and the like are not. */
    private static final Set<String> SPOKEN_SUBTYPES = Set.of("thread_broadcast", "file_share");

    /** What became of a message. */
    public enum Outcome { STARTS_SESSION, REPLY, DUPLICATE, IGNORED, NOT_ALLOWED, OVER_CAP }

    private final BindingStore bindings;
    private final OutboxStore outbox;
    private final SessionDefaults defaults;
    private final Permissions permissions;
    private final ThreadNotices notices;
    private final Runnable wakeDelivery;
    private final SpendCaps caps;
    private final InboundFileStore files;

    public InboundRouter(BindingStore bindings, OutboxStore outbox, SessionDefaults defaults, Permissions permissions,
                         ThreadNotices notices, Runnable wakeDelivery) {
        this(bindings, outbox, defaults, permissions, notices, wakeDelivery, SpendCaps.none(), InboundFileStore.NONE);
    }

    public InboundRouter(BindingStore bindings, OutboxStore outbox, SessionDefaults defaults, Permissions permissions,
                         ThreadNotices notices, Runnable wakeDelivery, SpendCaps caps, InboundFileStore files) {
        this.caps = caps;
        this.files = files;
        this.bindings = bindings;
        this.outbox = outbox;
        this.defaults = defaults;
        this.permissions = permissions;
        this.notices = notices;
        this.wakeDelivery = wakeDelivery;
    }

    public Outcome accept(SlackMessage message) {
        return accept(message, message.dedupeKey());
    }

    /** Stores under an explicit key (for a message that was already claimed under its own). */
    public Outcome accept(SlackMessage message, String dedupeKey) {
        if (message.fromBot() || message.subtype().filter(s -> !SPOKEN_SUBTYPES.contains(s)).isPresent()
                || message.userId() == null || message.userId().isBlank()) {
            return Outcome.IGNORED;
        }
        ThreadKey thread = message.thread();
        Optional<Binding> binding = bindings.find(thread);
        boolean asksForSession = message.mentionsBot() || message.direct();
        // A claim whose session never came (a refused create, or one left by an older version) must not
        // keep the thread dead: a mention, a DM or the restart button starts the session again.
        boolean deadStart = binding.isPresent() && binding.get().state() == Binding.State.CREATING
                && binding.get().sessionId().isEmpty();
        InboundMessage.Kind kind;
        if (binding.isPresent() && binding.get().live() && !(deadStart && asksForSession)) {
            kind = InboundMessage.Kind.REPLY;
        } else if (asksForSession) {
            kind = InboundMessage.Kind.START;
        } else if (binding.isPresent()) {
            kind = InboundMessage.Kind.REPLY; // to an ended session: the thread is told it cannot be delivered
        } else {
            return Outcome.IGNORED;
        }
        Optional<String> refusal = permissions.refusal(thread.teamId(), thread.channelId(), message.userId());
        if (refusal.isPresent()) {
            if (outbox.claimControl(dedupeKey, thread, message.ts(), message.userId(), "(not allowed)")) {
                notices.tell(thread, message.userId(), refusal.get());
            }
            return Outcome.NOT_ALLOWED;
        }
        if (kind == InboundMessage.Kind.START) {
            Optional<String> capped = caps.blocked(thread.teamId(), message.userId());
            if (capped.isPresent()) {
                if (outbox.claimControl(dedupeKey, thread, message.ts(), message.userId(), "(over the daily spend cap)")) {
                    notices.startFailed(thread, message.ts(), capped.get());
                }
                return Outcome.OVER_CAP;
            }
        }
        if (!message.files().isEmpty()) {
            files.record(dedupeKey, message.files()); // before the message: it is never in the outbox without them
        }
        if (!outbox.insertIfNew(dedupeKey, thread, message.ts(), message.userId(), kind, message.text())) {
            return Outcome.DUPLICATE;
        }
        if (kind == InboundMessage.Kind.START && binding.isEmpty()) {
            // Claim the thread now, so replies that arrive before the API created the session queue behind it.
            SessionDefaults.Choice choice = defaults.forChannel(thread.teamId(), thread.channelId());
            bindings.create(new Binding(thread, Optional.empty(), message.ts(), message.userId(), choice.agentId(),
                    choice.environmentId(), SessionTitles.fromTask(message.text()), Binding.State.CREATING,
                    Optional.empty(), Instant.now()));
        }
        LOG.fine(() -> "Stored " + kind + " from " + thread);
        wakeDelivery.run();
        return kind == InboundMessage.Kind.START ? Outcome.STARTS_SESSION : Outcome.REPLY;
    }
}
