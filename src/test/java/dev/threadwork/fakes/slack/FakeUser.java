package dev.threadwork.fakes.slack;

/** A seeded workspace member, answered by users.info. */
public record FakeUser(String id, String displayName, String realName, boolean isBot) {
}
