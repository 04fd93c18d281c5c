package dev.threadwork.bridge;

import java.util.Optional;

/**
 * A file shared in a Slack message, as the event described it (nothing downloaded yet).
 *
 * @param downloadUrl {@code url_private_download}; empty for files Slack does not host (external links,
 *                    files hidden by the workspace's plan)
 */
public record SlackFile(String id, String name, String mimeType, long sizeBytes, Optional<String> downloadUrl) {

    public SlackFile {
        name = name == null || name.isBlank() ? id : name;
        mimeType = mimeType == null || mimeType.isBlank() ? "application/octet-stream" : mimeType;
        downloadUrl = downloadUrl == null ? Optional.empty() : downloadUrl;
    }

    public boolean image() {
        return mimeType.startsWith("image/");
    }
}
