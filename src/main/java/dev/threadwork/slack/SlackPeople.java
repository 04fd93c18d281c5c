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

/** Display names from {@code users.info}, cached (bounded, with expiry) to spare Slack's rate limits. */
public final class SlackPeople implements People {

    private static final Logger LOG = Logger.getLogger(SlackPeople.class.getName());
    private static final int MAX_ENTRIES = 5_000;
    private static final Duration TTL = Duration.ofHours(1);

    private record Cached(String name, Instant until) {
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
        String key = teamId + ":" + userId;
        synchronized (cache) {
            Cached cached = cache.get(key);
            if (cached != null && cached.until().isAfter(Instant.now())) {
                return cached.name();
            }
        }
        String name = lookUp(userId);
        synchronized (cache) {
            cache.put(key, new Cached(name, Instant.now().plus(TTL)));
        }
        return name;
    }

    private String lookUp(String userId) {
        try {
            UsersInfoResponse response = methods.usersInfo(r -> r.user(userId));
            if (response.isOk() && response.getUser() != null) {
                User user = response.getUser();
                if (user.getProfile() != null && notBlank(user.getProfile().getDisplayName())) {
                    return user.getProfile().getDisplayName();
                }
                if (notBlank(user.getRealName())) {
                    return user.getRealName();
                }
                if (notBlank(user.getName())) {
                    return user.getName();
                }
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "users.info failed for " + userId + ": " + e.getClass().getSimpleName());
        }
        return userId;
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
