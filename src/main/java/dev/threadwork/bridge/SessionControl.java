package dev.threadwork.bridge;

import dev.threadwork.agents.OutboundEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Stop, end, approve, deny, raise a budget: each checked against {@link Permissions}, written to
 * the {@link AuditLog} whatever the outcome, and harmless when repeated or late.
 */
public final class SessionControl {

    private final BindingStore bindings;
    private final SessionGateway gateway;
    private final SessionStreams streams;
    private final Permissions permissions;
    private final AuditLog audit;
    private final ControlEvents events;
    private final Clock clock;
    private final java.util.concurrent.locks.Lock[] confirmLocks = java.util.stream.Stream
            .generate(java.util.concurrent.locks.ReentrantLock::new).limit(32).toArray(java.util.concurrent.locks.Lock[]::new);

    public SessionControl(BindingStore bindings, SessionGateway gateway, SessionStreams streams, Permissions permissions,
                          AuditLog audit, ControlEvents events, Clock clock) {
        this.bindings = bindings;
        this.gateway = gateway;
        this.streams = streams;
        this.permissions = permissions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Sends {@code user.interrupt}: the agent stops what it is doing; the session stays usable. */
    public ControlReply stop(String teamId, String userId, String sessionId) {
        return act(teamId, userId, sessionId, "stop", binding -> {
            gateway.send(sessionId, new OutboundEvent.Interrupt());
            events.controlled(binding, userId, "stopped the agent");
            return ControlReply.done("Stopped the agent in " + describe(binding) + ".");
        });
    }

    /** Archives the session; the thread is unbound from it for good. */
    public ControlReply end(String teamId, String userId, String sessionId) {
        return act(teamId, userId, sessionId, "end", binding -> {
            if (!binding.live()) {
                return ControlReply.done("That session had already ended.");
            }
            try {
                gateway.send(sessionId, new OutboundEvent.Interrupt());
            } catch (SessionGateway.Rejected alreadyFinished) {
                // a terminated session takes no interrupt; archiving is what matters
            }
            gateway.archive(sessionId);
            bindings.markEnded(sessionId);
            streams.detach(sessionId);
            events.controlled(binding, userId, "ended the session");
            return ControlReply.done("Ended the session in " + describe(binding) + ".");
        });
    }

    /** Answers a tool call waiting for confirmation. A second answer, or one for a call that moved on, changes nothing. */
    public ControlReply confirm(String teamId, String userId, String sessionId, String toolUseId, boolean allow,
                                Optional<String> denyMessage) {
        // One answer per tool call even when two clicks arrive together: check and send under one lock.
        java.util.concurrent.locks.Lock lock = confirmLocks[Math.floorMod(sessionId.hashCode(), confirmLocks.length)];
        lock.lock();
        try {
            return confirmOnce(teamId, userId, sessionId, toolUseId, allow, denyMessage);
        } finally {
            lock.unlock();
        }
    }

    private ControlReply confirmOnce(String teamId, String userId, String sessionId, String toolUseId, boolean allow,
                                     Optional<String> denyMessage) {
        String action = allow ? "approve" : "deny";
        Optional<AuditLog.Entry> earlier = audit.forSession(sessionId).stream()
                .filter(e -> e.outcome() == AuditLog.Outcome.DONE && e.detail().equals(toolUseId)
                        && (e.action().equals("approve") || e.action().equals("deny")))
                .findFirst();
        if (earlier.isPresent()) {
            AuditLog.Entry answered = earlier.get();
            record(teamId, Optional.empty(), userId, action, sessionId, AuditLog.Outcome.ALREADY_DONE, toolUseId);
            return ControlReply.refused("That tool call was already " + (answered.action().equals("approve") ? "approved" : "denied")
                    + " by <@" + answered.userId() + ">.");
        }
        return act(teamId, userId, sessionId, action, toolUseId, binding -> {
            gateway.send(sessionId, new OutboundEvent.ToolConfirmation(toolUseId, allow,
                    denyMessage.filter(m -> !m.isBlank())));
            events.confirmationAnswered(binding, toolUseId, userId, allow, clock.instant());
            return ControlReply.done(allow ? "Approved." : "Denied.");
        });
    }

    /** Raises (or sets) the session's spend cap after it stopped with {@code budget_reached}. Admins only. */
    public ControlReply raiseBudget(String teamId, String userId, String sessionId, BigDecimal newBudgetUsd) {
        Optional<Binding> binding = bindings.findBySession(sessionId);
        if (binding.isEmpty()) {
            return ControlReply.refused("I don't know that session.");
        }
        if (!permissions.admin(userId)) {
            record(teamId, Optional.of(binding.get().thread().channelId()), userId, "raise_budget", sessionId,
                    AuditLog.Outcome.DENIED, newBudgetUsd.toPlainString());
            return ControlReply.refused("Only Threadwork admins can raise a session's budget.");
        }
        try {
            gateway.raiseBudget(sessionId, newBudgetUsd);
        } catch (SessionGateway.Unavailable | SessionGateway.Rejected e) {
            record(teamId, Optional.of(binding.get().thread().channelId()), userId, "raise_budget", sessionId,
                    AuditLog.Outcome.FAILED, e.getMessage());
            return ControlReply.refused("Could not raise the budget: " + e.getMessage());
        }
        record(teamId, Optional.of(binding.get().thread().channelId()), userId, "raise_budget", sessionId,
                AuditLog.Outcome.DONE, newBudgetUsd.toPlainString());
        events.controlled(binding.get(), userId, "raised the budget to $" + newBudgetUsd.toPlainString());
        return ControlReply.done("Raised the budget to $" + newBudgetUsd.toPlainString() + ". Reply in the thread to continue.");
    }

    private ControlReply act(String teamId, String userId, String sessionId, String action, Action work) {
        return act(teamId, userId, sessionId, action, "", work);
    }

    private ControlReply act(String teamId, String userId, String sessionId, String action, String detail, Action work) {
        Optional<Binding> found = bindings.findBySession(sessionId);
        if (found.isEmpty()) {
            record(teamId, Optional.empty(), userId, action, sessionId, AuditLog.Outcome.FAILED, "unknown session");
            return ControlReply.refused("I don't know that session.");
        }
        Binding binding = found.get();
        Optional<String> channel = Optional.of(binding.thread().channelId());
        if (!permissions.mayControl(binding, userId)) {
            record(teamId, channel, userId, action, sessionId, AuditLog.Outcome.DENIED, detail);
            return ControlReply.refused("Only <@" + binding.startedBy() + ">, who started this session, and Threadwork admins can "
                    + action + " it.");
        }
        try {
            ControlReply reply = work.run(binding);
            record(teamId, channel, userId, action, sessionId, AuditLog.Outcome.DONE, detail);
            return reply;
        } catch (SessionGateway.Rejected e) {
            record(teamId, channel, userId, action, sessionId, AuditLog.Outcome.FAILED, detail.isEmpty() ? e.getMessage() : detail);
            return ControlReply.refused("The session no longer accepts that: " + e.getMessage());
        } catch (SessionGateway.Unavailable e) {
            record(teamId, channel, userId, action, sessionId, AuditLog.Outcome.FAILED, detail.isEmpty() ? e.getMessage() : detail);
            return ControlReply.refused("The agents API is unavailable right now; please try again in a moment.");
        }
    }

    private void record(String teamId, Optional<String> channelId, String userId, String action, String sessionId,
                        AuditLog.Outcome outcome, String detail) {
        audit.record(new AuditLog.Entry(Instant.now(clock), teamId, channelId, userId, action, Optional.ofNullable(sessionId),
                outcome, detail == null ? "" : detail));
    }

    private static String describe(Binding binding) {
        return "\"" + binding.title() + "\"";
    }

    @FunctionalInterface
    private interface Action {
        ControlReply run(Binding binding);
    }
}
