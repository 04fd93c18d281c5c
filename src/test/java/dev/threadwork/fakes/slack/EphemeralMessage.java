package dev.threadwork.fakes.slack;

/** A chat.postEphemeral message: only {@code user} sees it, and it is not in conversation history. */
public record EphemeralMessage(String channel, String user, String threadTs, String text, String blocksJson,
                               String messageTs) {
}
