package dev.threadwork.bridge;

/** What a control action answers the person who asked (shown only to them). */
public record ControlReply(boolean done, String text) {

    public static ControlReply done(String text) {
        return new ControlReply(true, text);
    }

    public static ControlReply refused(String text) {
        return new ControlReply(false, text);
    }
}
