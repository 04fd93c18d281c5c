package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A message as the workspace currently shows it (after updates and stream appends).
 *
 * @param threadTs   null for a top-level message; the root's ts for replies
 * @param botId      null for human (seeded) messages
 * @param blocksJson JSON array text, or null
 * @param fileIds    files shared with this message (files.completeUploadExternal)
 * @param metadataJson Slack message metadata ({@code {"event_type":…,"event_payload":{…}}}) as JSON text, or null
 */
public record FakeMessage(String channel, String ts, String threadTs, String user, String botId, String text,
                          String blocksJson, StreamState streamState, int updateCount, List<String> fileIds,
                          String metadataJson) {

    /** chat.startStream opens a message that only chat.appendStream / chat.stopStream may change. */
    public enum StreamState { NOT_STREAMED, STREAMING, STOPPED }

    private static final ObjectMapper JSON = new ObjectMapper();

    public FakeMessage {
        fileIds = List.copyOf(fileIds);
    }

    /** A message without metadata. */
    public FakeMessage(String channel, String ts, String threadTs, String user, String botId, String text,
                       String blocksJson, StreamState streamState, int updateCount, List<String> fileIds) {
        this(channel, ts, threadTs, user, botId, text, blocksJson, streamState, updateCount, fileIds, null);
    }

    /** The message metadata as posted ({@code event_type} and {@code event_payload}), if any. */
    public Optional<JsonNode> metadata() {
        if (metadataJson == null || metadataJson.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(metadataJson));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** {@code metadata.event_type}, if the message has metadata. */
    public Optional<String> metadataEventType() {
        return metadata().map(m -> m.path("event_type")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    public boolean fromBot() {
        return botId != null;
    }

    public boolean isReply() {
        return threadTs != null && !threadTs.equals(ts);
    }

    /** The thread this message belongs to: its own ts for a root. */
    public String threadKey() {
        return threadTs == null ? ts : threadTs;
    }

    /**
     * What a reader sees: Slack renders blocks instead of text when both are present, so this is the
     * text of every block element (joined by newlines), or the text field when there are no blocks.
     */
    public String visibleText() {
        if (blocksJson == null || blocksJson.isBlank()) {
            return text == null ? "" : text;
        }
        try {
            List<String> parts = new ArrayList<>();
            collectTexts(JSON.readTree(blocksJson), parts);
            return String.join("\n", parts);
        } catch (Exception e) {
            return text == null ? "" : text;
        }
    }

    private static void collectTexts(JsonNode node, List<String> out) {
        if (node.isArray()) {
            node.forEach(child -> collectTexts(child, out));
        } else if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("text") && field.getValue().isTextual()) {
                    out.add(field.getValue().asText());
                } else {
                    collectTexts(field.getValue(), out);
                }
            });
        }
    }

    FakeMessage withContent(String newText, String newBlocks) {
        return new FakeMessage(channel, ts, threadTs, user, botId, newText, newBlocks, streamState, updateCount + 1, fileIds,
                metadataJson);
    }

    FakeMessage withStreamState(StreamState state) {
        return new FakeMessage(channel, ts, threadTs, user, botId, text, blocksJson, state, updateCount, fileIds, metadataJson);
    }
}
