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

    MessageAttachments NONE = (message, binding) -> "";
}
