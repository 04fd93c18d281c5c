package dev.threadwork.fakes.slack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The Slack workspace as the bot left it: messages per channel and thread, reactions, assistant
 * thread state, views, files. One coarse lock: calls are tiny and correctness beats throughput here.
 */
public final class Workspace {

    private record MessageKey(String channel, String ts) {
    }

    private final Map<String, FakeUser> users = new LinkedHashMap<>();
    private final Map<String, FakeChannel> channels = new LinkedHashMap<>();
    private final Map<MessageKey, FakeMessage> messages = new LinkedHashMap<>();
    private final Map<MessageKey, Map<String, Set<String>>> reactions = new LinkedHashMap<>();
    private final List<EphemeralMessage> ephemerals = new ArrayList<>();
    private final List<AssistantThreadUpdate> assistantUpdates = new ArrayList<>();
    private final Map<String, FakeView> views = new LinkedHashMap<>();
    private final Map<String, UploadedFile> files = new LinkedHashMap<>();

    // --- seeding and mutation (package-private mutators are used by the method handlers) ---

    public synchronized void addUser(FakeUser user) {
        users.put(user.id(), user);
    }

    public synchronized void addChannel(FakeChannel channel) {
        channels.put(channel.id(), channel);
    }

    /** Channels the bot writes to exist implicitly, so tests need not declare every one. */
    synchronized FakeChannel channelOrCreate(String id) {
        return channels.computeIfAbsent(id, key -> new FakeChannel(key, "channel-" + key.toLowerCase(), false));
    }

    synchronized void putMessage(FakeMessage message) {
        channelOrCreate(message.channel());
        messages.put(new MessageKey(message.channel(), message.ts()), message);
    }

    /** Applies {@code change} atomically; empty when the message does not exist. */
    synchronized Optional<FakeMessage> updateMessage(String channel, String ts, UnaryOperator<FakeMessage> change) {
        MessageKey key = new MessageKey(channel, ts);
        FakeMessage current = messages.get(key);
        if (current == null) {
            return Optional.empty();
        }
        FakeMessage updated = change.apply(current);
        messages.put(key, updated);
        return Optional.of(updated);
    }

    synchronized boolean removeMessage(String channel, String ts) {
        reactions.remove(new MessageKey(channel, ts));
        return messages.remove(new MessageKey(channel, ts)) != null;
    }

    /** @return false if {@code user} already had that reaction (Slack's already_reacted) */
    synchronized boolean addReaction(String channel, String ts, String name, String user) {
        return reactions.computeIfAbsent(new MessageKey(channel, ts), k -> new LinkedHashMap<>())
                .computeIfAbsent(name, k -> new LinkedHashSet<>())
                .add(user);
    }

    /** @return false if there was no such reaction by {@code user} (Slack's no_reaction) */
    synchronized boolean removeReaction(String channel, String ts, String name, String user) {
        Map<String, Set<String>> byName = reactions.get(new MessageKey(channel, ts));
        if (byName == null || byName.get(name) == null || !byName.get(name).remove(user)) {
            return false;
        }
        if (byName.get(name).isEmpty()) {
            byName.remove(name);
        }
        return true;
    }

    synchronized void addEphemeral(EphemeralMessage message) {
        ephemerals.add(message);
    }

    synchronized void addAssistantUpdate(AssistantThreadUpdate update) {
        assistantUpdates.add(update);
    }

    synchronized void putView(FakeView view) {
        views.put(view.id(), view);
    }

    synchronized void putFile(UploadedFile file) {
        files.put(file.id(), file);
    }

    // --- queries ---

    public synchronized Optional<FakeUser> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    public synchronized Optional<FakeChannel> channel(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    public synchronized Optional<FakeMessage> message(String channel, String ts) {
        return Optional.ofNullable(messages.get(new MessageKey(channel, ts)));
    }

    /** Root (if known) and replies of a thread, in ts order, as currently shown. */
    public synchronized List<FakeMessage> messagesInThread(String channel, String threadTs) {
        return messages.values().stream()
                .filter(m -> m.channel().equals(channel) && m.threadKey().equals(threadTs))
                .sorted((a, b) -> SlackTs.ORDER.compare(a.ts(), b.ts()))
                .toList();
    }

    /** Every message of a channel (roots and replies) in ts order. */
    public synchronized List<FakeMessage> messagesInChannel(String channel) {
        return messages.values().stream()
                .filter(m -> m.channel().equals(channel))
                .sorted((a, b) -> SlackTs.ORDER.compare(a.ts(), b.ts()))
                .toList();
    }

    /** Reactions on a message in the order first added. */
    public synchronized List<Reaction> reactions(String channel, String ts) {
        Map<String, Set<String>> byName = reactions.getOrDefault(new MessageKey(channel, ts), Map.of());
        return byName.entrySet().stream().map(e -> new Reaction(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    public synchronized List<EphemeralMessage> ephemerals(String channel) {
        return ephemerals.stream().filter(e -> e.channel().equals(channel)).toList();
    }

    /** All assistant.threads.* updates of one thread, oldest first. */
    public synchronized List<AssistantThreadUpdate> assistantUpdates(String channel, String threadTs) {
        return assistantUpdates.stream()
                .filter(u -> u.channel().equals(channel) && u.threadTs().equals(threadTs))
                .toList();
    }

    /** The status texts set on a thread, oldest first ("" = cleared). */
    public List<String> statuses(String channel, String threadTs) {
        return assistantUpdates(channel, threadTs).stream()
                .filter(u -> u.kind().equals("status")).map(AssistantThreadUpdate::value).toList();
    }

    /** The status a user sees now, or "" when none / cleared. */
    public String currentStatus(String channel, String threadTs) {
        List<String> all = statuses(channel, threadTs);
        return all.isEmpty() ? "" : all.getLast();
    }

    public synchronized Optional<FakeView> view(String id) {
        return Optional.ofNullable(views.get(id));
    }

    synchronized Optional<FakeView> viewByExternalId(String externalId) {
        return views.values().stream().filter(v -> externalId.equals(v.externalId())).findFirst();
    }

    private final Set<String> channelsWithoutBot = new java.util.HashSet<>();
    private volatile boolean homeTabEnabled = true;

    /** The bot is not a member: conversations.history answers not_in_channel. */
    public synchronized void removeBotFrom(String channel) {
        channelsWithoutBot.add(channel);
    }

    public synchronized boolean botIn(String channel) {
        return !channelsWithoutBot.contains(channel);
    }

    /** As the app's manifest says (app_home.home_tab_enabled); views.publish of a home view answers not_enabled without it. */
    public void homeTabEnabled(boolean enabled) {
        homeTabEnabled = enabled;
    }

    public boolean homeTabEnabled() {
        return homeTabEnabled;
    }

    /** The view last published to a user's Home tab; empty when none. */
    public synchronized Optional<FakeView> homeView(String userId) {
        return views.values().stream().filter(v -> userId.equals(v.userId())).findFirst();
    }

    public synchronized List<FakeView> views() {
        return List.copyOf(views.values());
    }

    public synchronized Optional<UploadedFile> file(String id) {
        return Optional.ofNullable(files.get(id));
    }

    public synchronized List<UploadedFile> files() {
        return List.copyOf(files.values());
    }

    synchronized void clearHistory() {
        messages.clear();
        reactions.clear();
        ephemerals.clear();
        assistantUpdates.clear();
        views.clear();
        files.clear();
    }
}
