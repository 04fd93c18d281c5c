package dev.threadwork.fakes.slack;

import java.nio.charset.StandardCharsets;

/**
 * A file going through the external upload flow.
 *
 * @param content    bytes POSTed to the upload URL, null until then
 * @param channel    where completeUploadExternal shared it, null until completed
 */
public record UploadedFile(String id, String filename, int declaredLength, byte[] content, String title,
                           String channel, String threadTs, boolean completed) {

    public String contentAsString() {
        return content == null ? null : new String(content, StandardCharsets.UTF_8);
    }

    UploadedFile withContent(byte[] bytes) {
        return new UploadedFile(id, filename, declaredLength, bytes, title, channel, threadTs, completed);
    }

    UploadedFile completedIn(String newTitle, String newChannel, String newThreadTs) {
        return new UploadedFile(id, filename, declaredLength, content, newTitle, newChannel, newThreadTs, true);
    }
}
