package dev.threadwork.fakes.slack;

import java.time.Instant;

/**
 * One assistant.threads.* call applied to a thread, kept in order.
 *
 * @param kind  "status", "title" or "suggested_prompts"
 * @param value status text, title, or the prompts JSON
 */
public record AssistantThreadUpdate(String channel, String threadTs, String kind, String value, Instant at) {
}
