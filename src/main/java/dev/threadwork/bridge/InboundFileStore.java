package dev.threadwork.bridge;

import java.util.List;

/**
 * The files each stored inbound message carries (implemented in {@code store}). Recorded before the
 * message itself, under the message's outbox key, so a message is never in the outbox without them.
 */
public interface InboundFileStore {

    /** Records the message's files unless they are recorded already (a Slack retry records nothing new). */
    void record(String dedupeKey, List<SlackMessage.SharedFile> files);

    /** The message's files in Slack's order; empty when it had none. */
    List<SlackMessage.SharedFile> forMessage(String dedupeKey);

    InboundFileStore NONE = new InboundFileStore() {
        @Override
        public void record(String dedupeKey, List<SlackMessage.SharedFile> files) {
        }

        @Override
        public List<SlackMessage.SharedFile> forMessage(String dedupeKey) {
            return List.of();
        }
    };
}
