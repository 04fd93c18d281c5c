package dev.threadwork.bridge;

/** Downloads a file shared in Slack with the bot token (implemented in {@code slack}). */
public interface SlackFileSource {

    /**
     * The file's bytes, at most {@code maxBytes}.
     *
     * @throws DownloadFailed when Slack did not serve the file itself: an error status, a redirect (to
     *         its login page, which is what a missing or wrong token gets), an HTML page, or more bytes than allowed
     */
    byte[] download(SlackMessage.SharedFile file, long maxBytes);

    /** Slack did not hand over the file. {@code permanent}: trying again will not help. */
    final class DownloadFailed extends RuntimeException {
        private final boolean permanent;

        public DownloadFailed(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
