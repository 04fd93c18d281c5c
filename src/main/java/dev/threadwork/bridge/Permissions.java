package dev.threadwork.bridge;

import java.util.Set;

/**
 * Who may do what. Talking to a session follows the channel's policy; approving tools, stopping
 * and ending a session belong to the person who started it and to the admins; changing a
 * channel's settings belongs to the admins.
 */
public final class Permissions {

    private final ChannelSettingsStore settings;
    private final Set<String> admins;

    public Permissions(ChannelSettingsStore settings, Set<String> admins) {
        this.settings = settings;
        this.admins = Set.copyOf(admins);
    }

    public boolean admin(String userId) {
        return admins.contains(userId);
    }

    public boolean mayTalk(String teamId, String channelId, String userId) {
        if (admin(userId)) {
            return true;
        }
        ChannelSettings channel = settings.find(teamId, channelId).orElse(ChannelSettings.defaults(teamId, channelId));
        return channel.talkPolicy() == ChannelSettings.TalkPolicy.ANYONE || channel.allowList().contains(userId);
    }

    /** Approve or deny tools, stop, end: the session's starter and the admins. */
    public boolean mayControl(Binding binding, String userId) {
        return admin(userId) || binding.startedBy().equals(userId);
    }

    public boolean mayConfigure(String userId) {
        return admin(userId);
    }
}
