package dev.threadwork.bridge;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives a thread its session: claims the thread, asks the API for a session with the channel's
 * agent and environment, and records the binding. Safe to repeat after a failure at any step.
 */
public final class SessionStarter {

    private static final Logger LOG = Logger.getLogger(SessionStarter.class.getName());

    private final BindingStore bindings;
    private final SessionGateway gateway;
    private final SessionDefaults defaults;
    private final Clock clock;

    public SessionStarter(BindingStore bindings, SessionGateway gateway, SessionDefaults defaults, Clock clock) {
        this.bindings = bindings;
        this.gateway = gateway;
        this.defaults = defaults;
        this.clock = clock;
    }

    /** The thread's live binding with a session, creating whatever is missing. */
    public Binding ensureSession(InboundMessage start, Optional<Binding> existing) {
        ThreadKey thread = start.thread();
        SessionDefaults.Choice choice = defaults.forChannel(thread.teamId(), thread.channelId());
        if (existing.isEmpty()) {
            bindings.create(new Binding(thread, Optional.empty(), start.messageTs(), start.userId(), choice.agentId(),
                    choice.environmentId(), SessionTitles.fromTask(start.text()), Binding.State.CREATING,
                    Optional.empty(), clock.instant()));
        } else if (!existing.get().live()) {
            bindings.restart(thread, start.userId(), choice.agentId(), choice.environmentId());
        }
        Binding binding = bindings.find(thread).orElseThrow();
        if (binding.sessionId().isPresent()) {
            return binding;
        }
        String sessionId = gateway.createSession(binding.agentId(), binding.environmentId(),
                SessionTitles.fromTask(start.text()), metadata(binding), choice.budgetUsd());
        bindings.attachSession(thread, sessionId);
        LOG.log(Level.INFO, "Session {0} started for a message from {1}",
                new Object[] {sessionId, start.userId(), LogContext.of(thread, sessionId)});
        return bindings.find(thread).orElseThrow();
    }

    private static Map<String, String> metadata(Binding binding) {
        ThreadKey thread = binding.thread();
        return Map.of(
                "slack_team", thread.teamId(),
                "slack_channel", thread.channelId(),
                "slack_thread_ts", thread.threadTs(),
                "slack_user", binding.startedBy(),
                "created_by", "threadwork");
    }
}
