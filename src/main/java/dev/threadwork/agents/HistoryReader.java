package dev.threadwork.agents;

import java.util.Optional;

/** Reads one page of a session's persisted events; {@link AgentsClient#listEvents} in production. */
@FunctionalInterface
interface HistoryReader {
    Page<AgentEvent> page(String sessionId, Optional<String> page);
}
