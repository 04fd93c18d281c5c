package dev.threadwork.bridge;

/**
 * Size caps for files in and out of sessions.
 *
 * @param maxFileBytes       a file shared in Slack larger than this is not passed on (the thread is told)
 * @param maxMessageBytes    the files of one message together; the files that would go over it are not passed on
 * @param maxFilesPerSession files mounted into one session at most (the API's limit)
 * @param maxOutputBytes     an output file larger than this is not uploaded to Slack (the thread is told)
 */
public record FileLimits(long maxFileBytes, long maxMessageBytes, int maxFilesPerSession, long maxOutputBytes) {

    /** The Managed Agents API's documented per-session maximum of mounted files. */
    public static final int API_FILES_PER_SESSION = 500;
    /** Slack's upper limit for one uploaded file (1 GB). */
    public static final long SLACK_MAX_UPLOAD_BYTES = 1_000_000_000L;

    public FileLimits {
        if (maxFileBytes <= 0 || maxMessageBytes <= 0 || maxFilesPerSession <= 0 || maxOutputBytes <= 0) {
            throw new IllegalArgumentException("file limits must be positive");
        }
    }

    public static FileLimits defaults() {
        return new FileLimits(mb(25), mb(100), API_FILES_PER_SESSION, mb(100));
    }

    public static long mb(long megabytes) {
        return megabytes * 1024 * 1024;
    }

    /** "25 MB" for a limit in bytes. */
    public static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        if (bytes >= 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return bytes + " bytes";
    }
}
