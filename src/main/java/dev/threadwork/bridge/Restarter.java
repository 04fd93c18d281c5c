package dev.threadwork.bridge;

import java.util.Optional;

/**
 * "Start a new session" on a message that could not be delivered: the thread gets a fresh session,
 * linked to the old one, and the message becomes its task. The message stays its author's: only
 * they (or an admin, on their behalf) can restart with it, and the new session is theirs.
 */
public final class Restarter {

    private final OutboxStore outbox;
    private final InboundRouter router;
    private final Permissions permissions;

    public Restarter(OutboxStore outbox, InboundRouter router, Permissions permissions) {
        this.outbox = outbox;
        this.router = router;
        this.permissions = permissions;
    }

    /** @param place where the button was clicked: it must be the message's own thread */
    public ControlReply restart(long inboundMessageId, String userId, SessionAccess.Place place) {
        Optional<InboundMessage> failed = outbox.find(inboundMessageId);
        if (failed.isPresent() && !SessionAccess.belongs(failed.get().thread(), place)) {
            return ControlReply.refused(SessionAccess.NOT_THIS_THREAD);
        }
        if (failed.isEmpty() || failed.get().state() != InboundMessage.State.FAILED) {
            return ControlReply.refused("That message was delivered or restarted already.");
        }
        InboundMessage message = failed.get();
        if (!message.userId().equals(userId) && !permissions.admin(userId)) {
            return ControlReply.refused("Only <@" + message.userId() + ">, who wrote that message, can start a new session with it."
                    + " You can start your own: mention me in the thread with your task.");
        }
        InboundRouter.Outcome outcome = router.accept(new SlackMessage(message.thread().teamId(), message.thread().channelId(),
                message.userId(), message.messageTs(), Optional.of(message.thread().threadTs()), message.text(), false, true, false,
                Optional.empty()), "restart:" + message.dedupeKey());
        return switch (outcome) {
            case STARTS_SESSION -> ControlReply.done("Starting a new session in this thread with that message.");
            case DUPLICATE -> ControlReply.refused("A new session was already started from that message.");
            case NOT_ALLOWED -> ControlReply.refused("<@" + message.userId() + "> may not talk to this channel's agent sessions.");
            case OVER_CAP -> ControlReply.refused("A daily spend cap blocks new sessions for now; the thread says which.");
            case REPLY -> ControlReply.done("This thread's session is live again; sending the message to it.");
            case IGNORED -> ControlReply.refused("That message cannot start a session.");
        };
    }
}
