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

    /** The session metadata entry that names the create effect that made the session. */
    static final String METADATA_KEY = "threadwork_effect";
    private static final Logger LOG = Logger.getLogger(SessionStarter.class.getName());

    private final BindingStore bindings;
    private final EffectJournal journal;
    private final SessionGateway gateway;
    private final SessionDefaults defaults;
    private final Clock clock;

    public SessionStarter(BindingStore bindings, SessionGateway gateway, SessionDefaults defaults, EffectJournal journal,
                          Clock clock) {
        this.bindings = bindings;
        this.journal = journal;
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
        String key = createKey(start);
        EffectJournal.Effect create = journal.begin(key, EffectJournal.Kinds.SESSION_CREATE, Optional.of(thread),
                Optional.empty(), 0);
        Optional<String> created = create.done() ? create.result() : Optional.empty();
        if (created.isEmpty() && (create.attempts() > 1 || create.state() == EffectJournal.State.UNKNOWN)) {
            // An earlier attempt may have created it before a crash or a time-out: look it up by its key.
            created = gateway.findSessionByMetadata(METADATA_KEY, key);
        }
        String sessionId;
        if (created.isPresent()) {
            sessionId = created.get();
        } else {
            CrashPoints.hit("create.before");
            try {
                sessionId = journal.call(key, () -> {
                    String id = gateway.createSession(binding.agentId(), binding.environmentId(),
                            SessionTitles.fromTask(start.text()), metadata(binding, key), choice.budgetUsd());
                    CrashPoints.hit("create.after");
                    return id;
                }, id -> id);
            } catch (SessionGateway.Rejected e) {
                // The thread must not stay claimed by a session that will never exist: the next mention starts one.
                bindings.abandonStart(thread);
                throw e;
            }
        }
        journal.done(key, sessionId); // found by its metadata: the lookup resolved the intent
        bindings.attachSession(thread, sessionId);
        CrashPoints.hit("create.committed");
        LOG.log(Level.INFO, "Session {0} started for a message from {1}",
                new Object[] {sessionId, start.userId(), LogContext.of(thread, sessionId)});
        return bindings.find(thread).orElseThrow();
    }

    /** The journal key of the session a start message asks for; also stored in the session's metadata. */
    static String createKey(InboundMessage start) {
        return "create:" + start.id();
    }

    private static Map<String, String> metadata(Binding binding, String key) {
        ThreadKey thread = binding.thread();
        return Map.of(
                "slack_team", thread.teamId(),
                "slack_channel", thread.channelId(),
                "slack_thread_ts", thread.threadTs(),
                "slack_user", binding.startedBy(),
                "created_by", "threadwork",
                METADATA_KEY, key);
    }
}
