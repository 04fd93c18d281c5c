package dev.threadwork.agents;

/**
 * A file mounted into a session ({@code type: "file"} session resource).
 *
 * @param id        the resource id ({@code sesrsc_…}), used to remove it again
 * @param fileId    the file the resource refers to
 * @param mountPath where the agent finds it; a relative path is under {@code /mnt/session/uploads/}
 */
public record FileResourceInfo(String id, String fileId, String mountPath) {
}
