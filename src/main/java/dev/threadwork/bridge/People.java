package dev.threadwork.bridge;

/** Names for Slack users, so the agent knows who speaks in a multi-person thread. */
public interface People {

    /** The user's display name (falling back to the real name, then the id); never fails. */
    String displayName(String teamId, String userId);

    /**
     * Whether the user belongs to another workspace than {@code teamId} (a Slack Connect user).
     * False when Slack cannot say.
     */
    default boolean external(String teamId, String userId) {
        return false;
    }
}
