package dev.threadwork.bridge;

import dev.threadwork.agents.FileInfo;
import dev.threadwork.agents.FileResourceInfo;
import java.util.List;
import java.util.Optional;

/**
 * What the bridge needs of the Files API and session resources. Failures are
 * {@link SessionGateway.Unavailable} (try later) or {@link SessionGateway.Rejected} (never).
 */
public interface SessionFiles {

    FileInfo upload(String filename, String mimeType, byte[] content);

    /** An uploaded file with exactly this name, for resolving an upload a crash left uncertain. */
    Optional<FileInfo> findUploaded(String filename);

    /** Mounts a file into a running (or idle) session. */
    FileResourceInfo mount(String sessionId, String fileId, String mountPath);

    /** The session's file resources. */
    List<FileResourceInfo> mounts(String sessionId);

    /** The files scoped to the session (what its agent wrote to {@code /mnt/session/outputs/}). */
    List<FileInfo> sessionFiles(String sessionId);

    byte[] download(String fileId, long maxBytes);
}
