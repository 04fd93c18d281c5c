package dev.threadwork.bridge;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Carries out {@code /agent} commands; every answer is for the person who asked only. */
public final class CommandHandler {

    private static final int LIST_LIMIT = 15;

    private final BindingStore bindings;
    private final InboundRouter router;
    private final SessionControl control;
    private final SessionGateway gateway;
    private final Permissions permissions;
    private final ChannelSettingsStore settings;
    private final SessionDefaults defaults;
    private final SessionSummaries summaries;
    private final SlackPoster poster;
    private final AuditLog audit;
    private final Clock clock;
    private final SessionAccess access;
    private final SpendCaps caps;

    public CommandHandler(BindingStore bindings, InboundRouter router, SessionControl control, SessionGateway gateway,
                          Permissions permissions, ChannelSettingsStore settings, SessionDefaults defaults,
                          SessionSummaries summaries, SlackPoster poster, AuditLog audit, Clock clock) {
        this(bindings, router, control, gateway, permissions, settings, defaults, summaries, poster, audit, clock,
                new SessionAccess(bindings, permissions), SpendCaps.none());
    }

    public CommandHandler(BindingStore bindings, InboundRouter router, SessionControl control, SessionGateway gateway,
                          Permissions permissions, ChannelSettingsStore settings, SessionDefaults defaults,
                          SessionSummaries summaries, SlackPoster poster, AuditLog audit, Clock clock,
                          SessionAccess access, SpendCaps caps) {
        this.access = access;
        this.caps = caps;
        this.bindings = bindings;
        this.router = router;
        this.control = control;
        this.gateway = gateway;
        this.permissions = permissions;
        this.settings = settings;
        this.defaults = defaults;
        this.summaries = summaries;
        this.poster = poster;
        this.audit = audit;
        this.clock = clock;
    }

    public ControlReply handle(String teamId, String channelId, String userId, AgentCommand command) {
        return switch (command) {
            case AgentCommand.Help help -> ControlReply.done(help.unknown().map(u -> u + "\n\n").orElse("") + AgentCommand.USAGE);
            case AgentCommand.New start -> start(teamId, channelId, userId, start.task());
            case AgentCommand.ListSessions list -> list(teamId, channelId, userId, list.mine());
            case AgentCommand.Status status -> resolve(teamId, channelId, userId, "status", status.sessionId())
                    .map(b -> permissions.refusal(teamId, channelId, userId).map(ControlReply::refused).orElseGet(() -> status(b)))
                    .orElseGet(CommandHandler::noSession);
            case AgentCommand.Stop stop -> resolve(teamId, channelId, userId, "stop", stop.sessionId())
                    .map(b -> control.stop(teamId, userId, b.sessionId().orElseThrow())).orElseGet(CommandHandler::noSession);
            case AgentCommand.End end -> resolve(teamId, channelId, userId, "end", end.sessionId())
                    .map(b -> control.end(teamId, userId, b.sessionId().orElseThrow())).orElseGet(CommandHandler::noSession);
            case AgentCommand.ShowConfig show -> showConfig(teamId, channelId);
            case AgentCommand.SetConfig set -> setConfig(teamId, channelId, userId, set.key(), set.value());
        };
    }

    private ControlReply start(String teamId, String channelId, String userId, String task) {
        Optional<String> refusal = permissions.refusal(teamId, channelId, userId);
        if (refusal.isPresent()) {
            return ControlReply.refused(refusal.get());
        }
        Optional<String> capped = caps.blocked(teamId, userId);
        if (capped.isPresent()) {
            return ControlReply.refused("I can't start a session: " + capped.get() + ".");
        }
        String ts;
        try {
            // The bot posts this, so no broadcast or group mention in the task may ping through it.
            ts = poster.postRoot(channelId, "<@" + userId + "> asked: " + task.replace("<!", "&lt;!"));
        } catch (IllegalStateException e) {
            return ControlReply.refused("I couldn't start the thread: " + e.getMessage() + ".");
        }
        router.accept(new SlackMessage(teamId, channelId, userId, ts, Optional.empty(), task, false, true, false,
                Optional.empty()));
        return ControlReply.done("Started a session in " + poster.permalink(channelId, ts) + ".");
    }

    private ControlReply list(String teamId, String channelId, String userId, boolean mine) {
        Optional<String> refusal = mine ? Optional.empty() : permissions.refusal(teamId, channelId, userId);
        if (refusal.isPresent()) {
            return ControlReply.refused(refusal.get());
        }
        List<Binding> found = mine ? bindings.startedBy(teamId, userId, LIST_LIMIT) : bindings.inChannel(teamId, channelId, LIST_LIMIT);
        if (found.isEmpty()) {
            return ControlReply.done(mine ? "You have no agent sessions." : "No agent sessions in this channel yet. Start one with `/agent new <task>`.");
        }
        StringBuilder text = new StringBuilder(mine ? "*Your sessions*" : "*Sessions in this channel*");
        for (Binding binding : found) {
            Optional<SessionSummaries.Summary> summary = binding.sessionId().flatMap(summaries::summary);
            text.append("\n• ").append(poster.permalink(binding.thread().channelId(), binding.thread().threadTs()))
                    .append(" ").append(binding.title())
                    .append(" — ").append(stateOf(binding, summary))
                    .append(", ").append(age(binding))
                    .append(summary.map(s -> ", $" + s.costUsd().setScale(2, java.math.RoundingMode.HALF_UP)).orElse(""))
                    .append(binding.sessionId().map(id -> " (`" + id + "`)").orElse(""));
        }
        return ControlReply.done(text.toString());
    }

    private ControlReply status(Binding binding) {
        String sessionId = binding.sessionId().orElseThrow();
        Optional<SessionSummaries.Summary> summary = summaries.summary(sessionId);
        String live;
        try {
            live = gateway.status(sessionId);
        } catch (SessionGateway.Unavailable | SessionGateway.Rejected e) {
            live = "unknown (" + e.getMessage() + ")";
        }
        return ControlReply.done("*" + binding.title() + "* (`" + sessionId + "`) in "
                + poster.permalink(binding.thread().channelId(), binding.thread().threadTs())
                + "\nStatus: " + (binding.live() ? live : "ended") + "\nStarted by <@" + binding.startedBy() + ">, " + age(binding)
                + summary.map(s -> "\nTokens: " + s.inputTokens() + " in / " + s.outputTokens() + " out · cost $"
                        + s.costUsd().setScale(2, java.math.RoundingMode.HALF_UP)).orElse(""));
    }

    private ControlReply showConfig(String teamId, String channelId) {
        SessionDefaults.Choice choice = defaults.forChannel(teamId, channelId);
        ChannelSettings channel = settings.find(teamId, channelId).orElse(ChannelSettings.defaults(teamId, channelId));
        return ControlReply.done("*Settings for this channel*"
                + "\n• agent: `" + choice.agentId() + "`"
                + "\n• environment: `" + choice.environmentId() + "`"
                + "\n• instructions: " + choice.instructions().orElse("(none)")
                + "\n• policy: " + (permissions.effectivePolicy(channel) == ChannelSettings.TalkPolicy.ANYONE
                        ? "anyone may talk to sessions"
                        : "only " + (channel.allowList().isEmpty() ? "admins"
                                : channel.allowList().stream().map(u -> "<@" + u + ">").collect(Collectors.joining(", "))) + " may talk")
                + (channel.talkPolicy() == ChannelSettings.TalkPolicy.DEFAULT ? " (the deployment's default)" : "")
                + "\n• approvals, stop and end: the session's starter and admins"
                + "\n• budget per session: " + choice.budgetUsd().map(b -> "$" + b.toPlainString()).orElse("none")
                + (channel.updatedBy().isEmpty() ? "" : "\n_Last changed by <@" + channel.updatedBy() + ">_"));
    }

    private ControlReply setConfig(String teamId, String channelId, String userId, String key, String value) {
        if (!permissions.mayConfigure(userId)) {
            audit.record(new AuditLog.Entry(clock.instant(), teamId, Optional.of(channelId), userId, "config",
                    Optional.empty(), AuditLog.Outcome.DENIED, key + "=" + value));
            return ControlReply.refused("Only Threadwork admins can change channel settings.");
        }
        ChannelSettings current = settings.find(teamId, channelId).orElse(ChannelSettings.defaults(teamId, channelId));
        ChannelSettings updated;
        try {
            updated = switch (key) {
                case "agent" -> {
                    requireKnown(gateway.agentExists(value), "agent", value);
                    yield with(current, Optional.of(value), current.environmentId(), current.instructions(), current.talkPolicy(),
                            current.allowList(), current.budgetUsd(), userId);
                }
                case "environment" -> {
                    requireKnown(gateway.environmentExists(value), "environment", value);
                    yield with(current, current.agentId(), Optional.of(value), current.instructions(), current.talkPolicy(),
                            current.allowList(), current.budgetUsd(), userId);
                }
                case "instructions" -> with(current, current.agentId(), current.environmentId(),
                        value.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(value), current.talkPolicy(),
                        current.allowList(), current.budgetUsd(), userId);
                case "policy" -> with(current, current.agentId(), current.environmentId(), current.instructions(),
                        policy(value), current.allowList(), current.budgetUsd(), userId);
                case "allow" -> with(current, current.agentId(), current.environmentId(), current.instructions(),
                        current.talkPolicy(), userIds(value), current.budgetUsd(), userId);
                case "budget" -> with(current, current.agentId(), current.environmentId(), current.instructions(),
                        current.talkPolicy(), current.allowList(), budget(value), userId);
                default -> throw new IllegalArgumentException("Unknown setting `" + key
                        + "`; use agent, environment, instructions, policy, allow or budget.");
            };
        } catch (IllegalArgumentException e) {
            audit.record(new AuditLog.Entry(clock.instant(), teamId, Optional.of(channelId), userId, "config",
                    Optional.empty(), AuditLog.Outcome.FAILED, key + "=" + value));
            return ControlReply.refused(e.getMessage());
        } catch (SessionGateway.Unavailable e) {
            return ControlReply.refused("I could not check that with the agents API right now; please try again.");
        }
        settings.save(updated);
        audit.record(new AuditLog.Entry(clock.instant(), teamId, Optional.of(channelId), userId, "config",
                Optional.empty(), AuditLog.Outcome.DONE, key + "=" + value));
        return ControlReply.done("Saved `" + key + "` for this channel. New sessions here use it.");
    }

    private ChannelSettings with(ChannelSettings c, Optional<String> agent, Optional<String> environment,
                                 Optional<String> instructions, ChannelSettings.TalkPolicy policy, Set<String> allow,
                                 Optional<BigDecimal> budget, String userId) {
        return new ChannelSettings(c.teamId(), c.channelId(), agent, environment, instructions, policy, allow, budget,
                userId, clock.instant());
    }

    private static void requireKnown(boolean known, String what, String id) {
        if (!known) {
            throw new IllegalArgumentException("The agents API has no " + what + " `" + id + "`.");
        }
    }

    private static ChannelSettings.TalkPolicy policy(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
            case "anyone", "everyone" -> ChannelSettings.TalkPolicy.ANYONE;
            case "allow-list", "allowlist" -> ChannelSettings.TalkPolicy.ALLOW_LIST;
            case "default" -> ChannelSettings.TalkPolicy.DEFAULT;
            default -> throw new IllegalArgumentException("Policy must be `anyone`, `allow-list` or `default`.");
        };
    }

    private static Set<String> userIds(String value) {
        Set<String> ids = Arrays.stream(value.split("[\\s,]+"))
                .map(s -> s.replaceAll("^<@([A-Z0-9]+)(\\|[^>]*)?>$", "$1"))
                .filter(s -> !s.isBlank())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        ids.stream().filter(id -> !id.matches("[UW][A-Z0-9]{2,}")).findFirst().ifPresent(bad -> {
            throw new IllegalArgumentException("`" + bad + "` is not a Slack user; mention people or give their ids (U…).");
        });
        return ids;
    }

    private static Optional<BigDecimal> budget(String value) {
        if (value.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            BigDecimal amount = new BigDecimal(value.replace("$", ""));
            if (amount.signum() <= 0) {
                throw new NumberFormatException();
            }
            return Optional.of(amount);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Budget must be an amount in USD, such as `5` or `12.50`, or `none`.");
        }
    }

    /** The named session if it belongs to this channel, or the newest live one in this channel. */
    private Optional<Binding> resolve(String teamId, String channelId, String userId, String action, Optional<String> sessionId) {
        if (sessionId.isPresent()) {
            return access.resolve(sessionId.get(), SessionAccess.Place.channel(teamId, channelId), userId, action);
        }
        return bindings.inChannel(teamId, channelId, LIST_LIMIT).stream()
                .filter(b -> b.live() && b.sessionId().isPresent())
                .findFirst();
    }

    private static ControlReply noSession() {
        return ControlReply.refused(SessionAccess.NOT_HERE);
    }

    private static String stateOf(Binding binding, Optional<SessionSummaries.Summary> summary) {
        if (!binding.live()) {
            return "ended";
        }
        if (binding.sessionId().isEmpty()) {
            return "starting";
        }
        return summary.map(SessionSummaries.Summary::status).orElse("starting");
    }

    private String age(Binding binding) {
        Duration age = Duration.between(binding.createdAt(), clock.instant());
        if (age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + " d ago";
    }
}
