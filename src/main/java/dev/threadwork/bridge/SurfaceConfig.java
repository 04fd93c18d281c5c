package dev.threadwork.bridge;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /agent config} keys for the assistant pane: {@code prompts} (this channel),
 * {@code workspace-prompts} (everywhere without their own) and {@code context} (whether the
 * channel's recent messages go to the agent when a user has it open beside the pane). Admins only.
 */
public final class SurfaceConfig {

    private static final Set<String> KEYS = Set.of("prompts", "workspace-prompts", "context", "workspace-context");

    private final SurfaceSettingsStore store;
    private final SurfaceSettings settings;
    private final Permissions permissions;
    private final AuditLog audit;
    private final Clock clock;

    public SurfaceConfig(SurfaceSettingsStore store, Permissions permissions, AuditLog audit, Clock clock) {
        this.store = store;
        this.settings = new SurfaceSettings(store);
        this.permissions = permissions;
        this.audit = audit;
        this.clock = clock;
    }

    public boolean handles(AgentCommand command) {
        return command instanceof AgentCommand.SetConfig set && KEYS.contains(set.key());
    }

    public ControlReply set(String teamId, String channelId, String userId, AgentCommand.SetConfig command) {
        String detail = command.key() + "=" + command.value();
        if (!permissions.mayConfigure(userId)) {
            record(teamId, channelId, userId, AuditLog.Outcome.DENIED, detail);
            return ControlReply.refused("Only Threadwork admins can change the assistant pane's settings.");
        }
        boolean workspace = command.key().startsWith("workspace-");
        String scope = workspace ? SurfaceSettingsStore.WORKSPACE : channelId;
        SurfaceSettingsStore.Entry current = store.find(teamId, scope).orElse(SurfaceSettingsStore.Entry.empty(teamId, scope));
        SurfaceSettingsStore.Entry updated;
        try {
            updated = command.key().endsWith("prompts")
                    ? new SurfaceSettingsStore.Entry(teamId, scope, prompts(command.value()), current.shareHistory(), userId,
                            clock.instant())
                    : new SurfaceSettingsStore.Entry(teamId, scope, current.prompts(), share(command.value()), userId,
                            clock.instant());
        } catch (IllegalArgumentException e) {
            record(teamId, channelId, userId, AuditLog.Outcome.FAILED, detail);
            return ControlReply.refused(e.getMessage());
        }
        store.save(updated);
        record(teamId, channelId, userId, AuditLog.Outcome.DONE, detail);
        String where = workspace ? "the workspace" : "this channel";
        return ControlReply.done(command.key().endsWith("prompts")
                ? "Saved the suggested prompts for " + where + ". Assistant pane threads opened beside "
                        + (workspace ? "channels without their own" : "it") + " show:" + SuggestedPrompts.describe(
                                settings.promptsFor(teamId, workspace ? Optional.empty() : Optional.of(channelId)))
                : "Saved: " + (updated.shareHistory().isEmpty() ? "the default applies to " + where
                        : "recent messages of " + where + (updated.shareHistory().get() == SurfaceSettingsStore.ShareHistory.ON
                                ? " go" : " do not go") + " to the agent when someone has it open beside the assistant pane") + ".");
    }

    /** Lines for {@code /agent config}. */
    public String describe(String teamId, String channelId) {
        boolean own = store.find(teamId, channelId).flatMap(SurfaceSettingsStore.Entry::prompts).isPresent();
        String share = store.find(teamId, channelId).flatMap(SurfaceSettingsStore.Entry::shareHistory)
                .map(SurfaceConfig::yesNo)
                .or(() -> store.find(teamId, SurfaceSettingsStore.WORKSPACE).flatMap(SurfaceSettingsStore.Entry::shareHistory)
                        .map(s -> yesNo(s) + " (workspace setting)"))
                .orElse("yes if the channel is public, no if private (default)");
        return "\n• assistant pane prompts" + (own ? "" : " (workspace or built-in)") + ":"
                + SuggestedPrompts.describe(settings.promptsFor(teamId, Optional.of(channelId)))
                + "\n• recent messages go to the agent when this channel is open beside the pane: " + share
                + "\n   keys: `prompts Title: message | …`, `workspace-prompts …`, `context on|off|default`, `workspace-context …`";
    }

    private static String yesNo(SurfaceSettingsStore.ShareHistory share) {
        return share == SurfaceSettingsStore.ShareHistory.ON ? "yes" : "no";
    }

    private static Optional<java.util.List<SuggestedPrompts.Prompt>> prompts(String value) {
        return value.equalsIgnoreCase("default") || value.equalsIgnoreCase("none") ? Optional.empty()
                : Optional.of(SuggestedPrompts.parse(value));
    }

    private static Optional<SurfaceSettingsStore.ShareHistory> share(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true" -> Optional.of(SurfaceSettingsStore.ShareHistory.ON);
            case "off", "no", "false" -> Optional.of(SurfaceSettingsStore.ShareHistory.OFF);
            case "default" -> Optional.empty();
            default -> throw new IllegalArgumentException("`context` is `on`, `off` or `default`.");
        };
    }

    private void record(String teamId, String channelId, String userId, AuditLog.Outcome outcome, String detail) {
        audit.record(new AuditLog.Entry(clock.instant(), teamId, Optional.of(channelId), userId, "config", Optional.empty(),
                outcome, detail));
    }
}
