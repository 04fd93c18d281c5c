package dev.threadwork.fakes.slack;

/** A conversation the fake knows, answered by conversations.info. */
public record FakeChannel(String id, String name, boolean isPrivate) {

    public boolean isIm() {
        return id.startsWith("D");
    }
}
