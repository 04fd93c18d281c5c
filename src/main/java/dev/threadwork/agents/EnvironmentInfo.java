package dev.threadwork.agents;

/** The parts of an environment Threadwork shows or checks. */
public record EnvironmentInfo(String id, String name) {
}
