package dev.threadwork.bridge;

import java.time.Clock;
import java.util.Optional;

/**
 * The one place that decides whether a session id that came from Slack (a command argument, a
 * button or modal value) may be used where it came from. A session id is not a secret: it shows
 * in {@code /agent list} and in every button, and anyone can paste or replay it. So it resolves
 * only in the channel (and, for buttons, the thread) its session belongs to, and seeing anything
 * of it requires the right to talk to sessions in that channel.
 */
public final class SessionAccess {

    /**
     * Where a request came from.
     *
     * @param threadTs the thread of the message whose button was clicked; empty for commands,
     *                 which Slack never sends from a thread
     */
    public record Place(String teamId, String channelId, Optional<String> threadTs) {

        public static Place channel(String teamId, String channelId) {
            return new Place(teamId, channelId, Optional.empty());
        }

        public static Place thread(String teamId, String channelId, String threadTs) {
            return new Place(teamId, channelId, Optional.ofNullable(threadTs));
        }
    }

    /** What a lookup found: the binding, or a sentence for the person who asked. */
    public sealed interface Lookup {
        record Found(Binding binding) implements Lookup {
        }

        record Refused(String reason) implements Lookup {
        }
    }

    static final String NOT_HERE = "I found no such session in this channel. `/agent list` shows the sessions of this channel.";
    static final String NOT_THIS_THREAD = "That button does not belong to this thread's session.";

    private final BindingStore bindings;
    private final Permissions permissions;
    private final AuditLog audit;
    private final Clock clock;

    public SessionAccess(BindingStore bindings, Permissions permissions) {
        this(bindings, permissions, null, Clock.systemUTC());
    }

    /** @param audit records attempts to use a session from somewhere else; null: not recorded */
    public SessionAccess(BindingStore bindings, Permissions permissions, AuditLog audit, Clock clock) {
        this.bindings = bindings;
        this.permissions = permissions;
        this.audit = audit;
        this.clock = clock;
    }

    /** The session's binding, if it belongs to {@code place}; an unknown id and a foreign one look the same. */
    public Optional<Binding> resolve(String sessionId, Place place) {
        if (sessionId == null || sessionId.isBlank()) {
            return Optional.empty();
        }
        return bindings.findBySession(sessionId).filter(binding -> belongs(binding.thread(), place));
    }

    /**
     * As {@link #resolve(String, Place)}, and an attempt to reach an existing session from another
     * channel or thread goes into the audit log as a denied {@code action} by {@code userId}.
     */
    public Optional<Binding> resolve(String sessionId, Place place, String userId, String action) {
        Optional<Binding> found = resolve(sessionId, place);
        if (found.isEmpty() && audit != null && sessionId != null && bindings.findBySession(sessionId).isPresent()) {
            audit.record(new AuditLog.Entry(clock.instant(), place.teamId(), Optional.of(place.channelId()), userId, action,
                    Optional.of(sessionId), AuditLog.Outcome.DENIED,
                    "from another " + (place.threadTs().isPresent() ? "channel or thread" : "channel")
                            + place.threadTs().map(ts -> " (thread " + ts + ")").orElse("")));
        }
        return found;
    }

    /** Whether a thread is the place (same team and channel, and the same thread when the place names one). */
    public static boolean belongs(ThreadKey thread, Place place) {
        return thread.teamId().equals(place.teamId()) && thread.channelId().equals(place.channelId())
                && place.threadTs().map(thread.threadTs()::equals).orElse(true);
    }

    /** For reading a session (status, tool output, tool input): it is here, and the user may talk to sessions here. */
    public Lookup forViewing(String sessionId, Place place, String userId) {
        Optional<Binding> binding = resolve(sessionId, place, userId, "view");
        if (binding.isEmpty()) {
            return new Lookup.Refused(place.threadTs().isPresent() ? NOT_THIS_THREAD : NOT_HERE);
        }
        ThreadKey thread = binding.get().thread();
        return permissions.refusal(thread.teamId(), thread.channelId(), userId)
                .<Lookup>map(Lookup.Refused::new)
                .orElseGet(() -> new Lookup.Found(binding.get()));
    }

    /**
     * For controlling a session (stop, end, approve, deny, raise budget): it is here. Who may do
     * what is checked by {@link SessionControl} against {@link Permissions#mayControl}.
     */
    public Lookup forControl(String sessionId, Place place, String userId, String action) {
        return resolve(sessionId, place, userId, action).<Lookup>map(Lookup.Found::new)
                .orElseGet(() -> new Lookup.Refused(place.threadTs().isPresent() ? NOT_THIS_THREAD : NOT_HERE));
    }
}
