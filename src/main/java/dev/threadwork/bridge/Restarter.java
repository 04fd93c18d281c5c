package dev.threadwork.bridge;

import java.util.Optional;

/**
 * "Start a new session" on a message that could not be delivered: the thread gets a fresh session,
 * linked to the old one, and the message becomes its task.
 */
public final class Restarter {

    private final OutboxStore outbox;
    private final InboundRouter router;

    public Restarter(OutboxStore outbox, InboundRouter router) {
        this.outbox = outbox;
        this.router = router;
    }

    public ControlReply restart(long inboundMessageId, String userId) {
        Optional<InboundMessage> failed = outbox.find(inboundMessageId);
        if (failed.isEmpty() || failed.get().state() != InboundMessage.State.FAILED) {
            return ControlReply.refused("That message was delivered or restarted already.");
        }
        InboundMessage message = failed.get();
        InboundRouter.Outcome outcome = router.accept(new SlackMessage(message.thread().teamId(), message.thread().channelId(),
                userId, message.messageTs(), Optional.of(message.thread().threadTs()), message.text(), false, true, false,
                Optional.empty()), "restart:" + message.dedupeKey());
        return switch (outcome) {
            case STARTS_SESSION -> ControlReply.done("Starting a new session in this thread with that message.");
            case DUPLICATE -> ControlReply.refused("A new session was already started from that message.");
            case NOT_ALLOWED -> ControlReply.refused("You are not on this channel's allow-list.");
            case REPLY -> ControlReply.done("This thread's session is live again; sending the message to it.");
            case IGNORED -> ControlReply.refused("That message cannot start a session.");
        };
    }
}
