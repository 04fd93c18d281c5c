package dev.threadwork.agents;

import java.util.Optional;

/** The parts of an agent Threadwork shows or checks. */
public record AgentInfo(String id, String name, String model, Optional<Long> version, Optional<String> description) {
}
