package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** What the method handlers share: the workspace, who the bot is, id/ts generation and JSON helpers. */
record FakeContext(Workspace workspace, BotIdentity bot, SlackTs clockTs, ObjectMapper json, MessageValidator validator,
                   MessageJson messages, InstantSource clock, Supplier<String> baseUrl, AtomicLong ids) {

    /** Slack-looking ids: a type letter plus 10 upper-case alphanumerics. */
    String newId(char prefix) {
        return prefix + String.format("%010d", ids.incrementAndGet()).replace('0', 'Z');
    }
}
