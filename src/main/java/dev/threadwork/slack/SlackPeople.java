package dev.threadwork.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import dev.threadwork.bridge.People;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Display names and home workspaces from {@code users.info}, cached (bounded, with expiry) to spare
 * Slack's rate limits.
 */
public final class SlackPeople implements People {

    private static final Logger LOG = Logger.getLogger(SlackPeople.class.getName());
    private static final int MAX_ENTRIES = 5_000;
    private static final Duration TTL = Duration.ofHours(1);

    /** @param workspaces the user's home workspace and, on Enterprise Grid, the others they belong to; empty when unknown */
    private record Cached(String name, java.util.Set<String> workspaces, Instant until) {
    }

    private final MethodsClient methods;
    private final Map<String, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public SlackPeople(MethodsClient methods) {
        this.methods = methods;
    }

    @Override
    public String displayName(String teamId, String userId) {
        return cached(teamId, userId).name();
    }

    @Override
    public boolean external(String teamId, String userId) {
        java.util.Set<String> workspaces = cached(teamId, userId).workspaces();
        return teamId != null && !workspaces.isEmpty() && !workspaces.contains(teamId);
    }

    private Cached cached(String teamId, String userId) {
        String key = teamId + ":" + userId;
        synchronized (cache) {
            Cached cached = cache.get(key);
            if (cached != null && cached.until().isAfter(Instant.now())) {
                return cached;
            }
        }
        Cached found = lookUp(userId);
        synchronized (cache) {
            cache.put(key, found);
        }
        return found;
    }

    private Cached lookUp(String userId) {
        try {
            UsersInfoResponse response = methods.usersInfo(r -> r.user(userId));
            if (response.isOk() && response.getUser() != null) {
                User user = response.getUser();
                String name = userId;
                if (user.getProfile() != null && notBlank(user.getProfile().getDisplayName())) {
                    name = user.getProfile().getDisplayName();
                } else if (notBlank(user.getRealName())) {
                    name = user.getRealName();
                } else if (notBlank(user.getName())) {
                    name = user.getName();
                }
                java.util.Set<String> workspaces = new java.util.HashSet<>();
                if (user.getTeamId() != null) {
                    workspaces.add(user.getTeamId());
                }
                if (user.getTeams() != null) {
                    workspaces.addAll(user.getTeams());
                }
                return new Cached(name, java.util.Set.copyOf(workspaces), Instant.now().plus(TTL));
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "users.info failed for " + userId + ": " + e.getClass().getSimpleName());
        }
        // Not cached for long: a passing failure should not stick to the user for an hour.
        return new Cached(userId, java.util.Set.of(), Instant.now().plus(Duration.ofSeconds(30)));
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
