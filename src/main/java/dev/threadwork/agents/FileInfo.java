package dev.threadwork.agents;

import java.util.Optional;

/**
 * A file known to the Files API.
 *
 * @param downloadable whether {@code GET /v1/files/{id}/content} serves it: true for files the agent
 *                     produced, false for files uploaded by us (documented for the Files API)
 * @param scopeId      the session the file is scoped to, for files listed with {@code scope_id}
 */
public record FileInfo(String id, String filename, String mimeType, long sizeBytes, boolean downloadable,
                       Optional<String> scopeId) {
}
