package dev.threadwork.agents;

import java.io.IOException;
import okio.BufferedSource;

/**
 * Reads server-sent events ({@code event:}/{@code data:} lines, blank line ends a frame). Comment
 * lines ({@code :…}, the usual heartbeat) are skipped here; they still count as activity because
 * the idle timeout is the socket read timeout, which every received byte resets.
 */
final class SseReader {

    /** One frame; {@code event} is "message" when the server named none. */
    record Frame(String event, String data) {
    }

    private final BufferedSource source;

    SseReader(BufferedSource source) {
        this.source = source;
    }

    /** The next frame with data, or null at the end of the stream. */
    Frame next() throws IOException {
        String event = null;
        StringBuilder data = null;
        while (true) {
            String line = source.readUtf8Line();
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return new Frame(event == null ? "message" : event, data.toString());
                }
                event = null; // a frame without data (e.g. a bare named ping) is dropped
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { } // id, retry: not used (the API documents no Last-Event-ID replay)
            }
        }
    }
}
