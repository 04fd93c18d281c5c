package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Slack's always-on message limits, so a renderer that passes the fake also passes Slack: text length,
 * block count and the per-block limits of Block Kit. Errors carry Slack's json-pointer details.
 */
final class MessageValidator {

    static final int MAX_TEXT = 40_000;
    static final int MAX_STREAM_CHUNK = 12_000;
    static final int MAX_MESSAGE_BLOCKS = 50;
    static final int MAX_VIEW_BLOCKS = 100;
    static final int MAX_SECTION_TEXT = 3_000;
    static final int MAX_SECTION_FIELDS = 10;
    static final int MAX_FIELD_TEXT = 2_000;
    static final int MAX_HEADER_TEXT = 150;
    static final int MAX_CONTEXT_ELEMENTS = 10;
    static final int MAX_ACTIONS_ELEMENTS = 25;
    static final int MAX_BLOCK_ID = 255;
    static final int MAX_MARKDOWN_BLOCKS_TEXT = 12_000;

    private final ObjectMapper json;

    MessageValidator(ObjectMapper json) {
        this.json = json;
    }

    Optional<SlackReply> checkText(String text, int limit) {
        return text != null && text.length() > limit ? Optional.of(SlackReply.error("msg_too_long")) : Optional.empty();
    }

    /** @param blocksJson JSON array text or null (= no blocks) */
    Optional<SlackReply> checkBlocks(String blocksJson, int maxBlocks) {
        if (blocksJson == null || blocksJson.isBlank()) {
            return Optional.empty();
        }
        JsonNode blocks;
        try {
            blocks = json.readTree(blocksJson);
        } catch (Exception e) {
            return Optional.of(SlackReply.error("invalid_blocks_format"));
        }
        if (!blocks.isArray()) {
            return Optional.of(SlackReply.error("invalid_blocks_format"));
        }
        List<String> problems = problems(blocks, maxBlocks, "/blocks");
        return problems.isEmpty() ? Optional.empty() : Optional.of(invalid("invalid_blocks", problems));
    }

    List<String> problems(JsonNode blocks, int maxBlocks, String pointer) {
        List<String> problems = new ArrayList<>();
        if (blocks.size() > maxBlocks) {
            problems.add("no more than " + maxBlocks + " items allowed [json-pointer:" + pointer + "]");
        }
        Set<String> blockIds = new HashSet<>();
        int markdownChars = 0;
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String at = pointer + "/" + i;
            String type = block.path("type").asText("");
            if (type.isEmpty()) {
                problems.add("missing required field: type [json-pointer:" + at + "]");
                continue;
            }
            String blockId = block.path("block_id").asText(null);
            if (blockId != null && blockId.length() > MAX_BLOCK_ID) {
                problems.add("must be less than 256 characters [json-pointer:" + at + "/block_id]");
            }
            if (blockId != null && !blockIds.add(blockId)) {
                problems.add("duplicate block_id [json-pointer:" + at + "/block_id]");
            }
            switch (type) {
                case "section" -> checkSection(block, at, problems);
                case "header" -> checkLength(block.path("text").path("text"), MAX_HEADER_TEXT, at + "/text/text", problems);
                case "context" -> checkCount(block.path("elements"), MAX_CONTEXT_ELEMENTS, at + "/elements", problems);
                case "actions" -> checkCount(block.path("elements"), MAX_ACTIONS_ELEMENTS, at + "/elements", problems);
                case "markdown" -> markdownChars += block.path("text").asText("").length();
                default -> {
                    // Other block types: only the generic checks above.
                }
            }
        }
        if (markdownChars > MAX_MARKDOWN_BLOCKS_TEXT) {
            problems.add("cumulative markdown block text must be less than " + (MAX_MARKDOWN_BLOCKS_TEXT + 1)
                    + " characters [json-pointer:" + pointer + "]");
        }
        return problems;
    }

    private static void checkSection(JsonNode block, String at, List<String> problems) {
        JsonNode text = block.path("text");
        JsonNode fields = block.path("fields");
        if (text.isMissingNode() && fields.isMissingNode() && block.path("accessory").isMissingNode()) {
            problems.add("must provide either text or fields [json-pointer:" + at + "]");
        }
        checkLength(text.path("text"), MAX_SECTION_TEXT, at + "/text/text", problems);
        if (text.isObject() && text.path("text").asText("").isEmpty()) {
            problems.add("must be more than 0 characters [json-pointer:" + at + "/text/text]");
        }
        checkCount(fields, MAX_SECTION_FIELDS, at + "/fields", problems);
        for (int f = 0; f < fields.size(); f++) {
            checkLength(fields.get(f).path("text"), MAX_FIELD_TEXT, at + "/fields/" + f + "/text", problems);
        }
    }

    private static void checkLength(JsonNode node, int max, String at, List<String> problems) {
        if (node.isTextual() && node.asText().length() > max) {
            problems.add("must be less than " + (max + 1) + " characters [json-pointer:" + at + "]");
        }
    }

    private static void checkCount(JsonNode array, int max, String at, List<String> problems) {
        if (array.isArray() && array.size() > max) {
            problems.add("no more than " + max + " items allowed [json-pointer:" + at + "]");
        }
    }

    /** Slack's shape for block errors: top-level errors[] plus response_metadata.messages[]. */
    SlackReply invalid(String error, List<String> problems) {
        ObjectNode body = json.createObjectNode().put("ok", false).put("error", error);
        ArrayNode errors = body.putArray("errors");
        ArrayNode messages = body.putObject("response_metadata").putArray("messages");
        problems.forEach(p -> {
            errors.add(p);
            messages.add("[ERROR] " + p);
        });
        return SlackReply.ok(body);
    }
}
