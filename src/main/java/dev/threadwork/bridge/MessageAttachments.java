package dev.threadwork.bridge;

/** Puts a message's files into its session before the message is sent, and says where they are. */
public interface MessageAttachments {

    /**
     * Mounts the message's files into the binding's session (once, whatever happens) and returns what to
     * append to the message's text: where each file is, and which were left out and why. Empty when the
     * message has no files.
     *
     * @throws SessionGateway.Unavailable when a file could not be moved now; the message waits and comes back
     */
    String attach(InboundMessage message, Binding binding);

    /**
     * The Files API ids of the message's images that were uploaded for the session and that the model can
     * take as image content (JPEG, PNG, GIF, WebP up to 5 MB); the same answer on every call, so a resend
     * after a crash carries the same blocks.
     */
    default java.util.List<String> imageFileIds(InboundMessage message, Binding binding) {
        return java.util.List.of();
    }

    MessageAttachments NONE = (message, binding) -> "";
}
