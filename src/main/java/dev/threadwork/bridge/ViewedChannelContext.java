package dev.threadwork.bridge;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tells the agent which channel the user has open beside an assistant pane thread: its name and
 * id, and its recent messages where the channel's settings allow and the user may talk there
 * (the same attribution and allow-list rules as thread context). Told once per channel change.
 */
public final class ViewedChannelContext implements ChannelInView {

    static final int RECENT_MESSAGES = 30;

    private final AssistantThreads threads;
    private final ChannelDirectory directory;
    private final SurfaceSettings settings;
    private final Permissions permissions;
    private final AttributedContext recent;

    public ViewedChannelContext(AssistantThreads threads, ChannelDirectory directory, SurfaceSettings settings,
                                Permissions permissions, People people, Supplier<String> botUserId, int budgetChars) {
        this.threads = threads;
        this.directory = directory;
        this.settings = settings;
        this.permissions = permissions;
        this.recent = new AttributedContext(people, permissions, botUserId, budgetChars);
    }

    @Override
    public boolean paneThread(ThreadKey thread) {
        return threads.find(thread).isPresent();
    }

    @Override
    public Optional<String> contextFor(InboundMessage message) {
        ThreadKey thread = message.thread();
        Optional<AssistantThreads.AssistantThread> pane = threads.find(thread);
        if (pane.isEmpty() || pane.get().contextChannelId().isEmpty()
                || pane.get().contextChannelId().equals(pane.get().toldChannelId())) {
            return Optional.empty();
        }
        String channelId = pane.get().contextChannelId().get();
        Optional<ChannelDirectory.ChannelInfo> info = directory.info(thread.teamId(), channelId);
        threads.told(thread, channelId);
        if (info.isPresent() && info.get().direct()) {
            return Optional.of(MessageComposer.THREADWORK + "(The user now has a direct message conversation open beside this one; it is not shared with you.)");
        }
        String name = info.map(i -> "#" + i.name()).orElse("a channel");
        StringBuilder text = new StringBuilder(MessageComposer.THREADWORK).append("The user has the Slack channel ").append(name).append(" (id ").append(channelId)
                .append(") open beside this conversation.");
        boolean mayShare = info.isPresent() && info.get().member()
                && settings.sharesHistory(thread.teamId(), channelId, info.get().isPrivate())
                && permissions.mayTalk(thread.teamId(), channelId, message.userId());
        if (mayShare) {
            recent.render(new ThreadKey(thread.teamId(), channelId, ""), "Recent messages in " + name,
                            directory.recent(thread.teamId(), channelId, RECENT_MESSAGES))
                    .ifPresent(recent -> text.append("\n\n").append(recent));
        }
        return Optional.of(text.toString());
    }
}
