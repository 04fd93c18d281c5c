package dev.threadwork.bridge;

import java.util.Optional;
import java.util.Set;

/**
 * Who may do what. Talking to a session (and seeing its status, output and tool inputs) follows
 * the operator's rules and the channel's policy; approving tools, stopping and ending a session
 * belong to the person who started it and to the admins; changing a channel's settings belongs to
 * the admins. {@link SessionAccess} adds where: a session is only reachable from its own channel.
 */
public final class Permissions {

    private final ChannelSettingsStore settings;
    private final Set<String> admins;
    private final AccessPolicy policy;
    private final People people;

    public Permissions(ChannelSettingsStore settings, Set<String> admins) {
        this(settings, admins, AccessPolicy.open(), null);
    }

    /** @param people tells Slack Connect users apart; null when {@code policy} allows external users */
    public Permissions(ChannelSettingsStore settings, Set<String> admins, AccessPolicy policy, People people) {
        this.settings = settings;
        this.admins = Set.copyOf(admins);
        this.policy = policy;
        this.people = people;
    }

    public boolean admin(String userId) {
        return admins.contains(userId);
    }

    public boolean mayTalk(String teamId, String channelId, String userId) {
        return refusal(teamId, channelId, userId).isEmpty();
    }

    /** Why this person may not talk to sessions here (a sentence for them), or empty when they may. */
    public Optional<String> refusal(String teamId, String channelId, String userId) {
        if (userId == null || userId.isBlank()) {
            return Optional.of("Only Slack users can talk to agent sessions.");
        }
        if (admin(userId)) {
            return Optional.empty();
        }
        if (!policy.allowExternalUsers() && people != null && people.external(teamId, userId)) {
            return Optional.of("People from outside this workspace (Slack Connect) cannot use Threadwork here;"
                    + " your message was not passed on.");
        }
        if (directMessage(channelId)) {
            return switch (policy.directMessages()) {
                case ANYONE -> Optional.empty();
                case ADMINS -> Optional.of("Agent sessions in direct messages are limited to Threadwork admins here;"
                        + " start one in a channel instead.");
                case OFF -> Optional.of("Agent sessions in direct messages are turned off here; start one in a channel instead.");
            };
        }
        ChannelSettings channel = settings.find(teamId, channelId).orElse(ChannelSettings.defaults(teamId, channelId));
        if (effectivePolicy(channel) == ChannelSettings.TalkPolicy.ANYONE || channel.allowList().contains(userId)) {
            return Optional.empty();
        }
        return Optional.of("Only people on this channel's allow-list can talk to its agent sessions;"
                + " your message was not passed on. Ask a Threadwork admin to add you.");
    }

    /** The channel's own policy, or the deployment's default when the channel has none. */
    public ChannelSettings.TalkPolicy effectivePolicy(ChannelSettings channel) {
        return channel.talkPolicy() == ChannelSettings.TalkPolicy.DEFAULT ? policy.defaultTalkPolicy() : channel.talkPolicy();
    }

    /** Approve or deny tools, stop, end: the session's starter and the admins. */
    public boolean mayControl(Binding binding, String userId) {
        return admin(userId) || binding.startedBy().equals(userId);
    }

    public boolean mayConfigure(String userId) {
        return admin(userId);
    }

    /** Slack's direct-message conversation ids start with D (the assistant pane is one too). */
    static boolean directMessage(String channelId) {
        return channelId != null && channelId.startsWith("D");
    }
}
