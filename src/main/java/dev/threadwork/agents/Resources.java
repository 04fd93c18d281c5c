package dev.threadwork.agents;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** The API's resources, reduced to what Threadwork uses. */
public final class Resources {

    private Resources() {
    }

    public record AgentInfo(String id, String name, Optional<String> model) {
    }

    public record EnvironmentInfo(String id, String name) {
    }

    /** @param status {@code idle}, {@code running}, {@code rescheduling} or {@code terminated} */
    public record SessionInfo(String id, String status, String title, Map<String, String> metadata, boolean archived) {
    }

    /** A new session; {@code budgetUsd} becomes the session's spend cap. */
    public record CreateSessionRequest(String agentId, String environmentId, String title, Map<String, String> metadata,
                                       Optional<BigDecimal> budgetUsd) {
    }
}
