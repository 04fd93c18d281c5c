package dev.threadwork.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadwork.agents.AgentEvent;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compact words for tool calls and their results: {@code bash: mvn test}, {@code ✓ exit 0}. */
public final class ToolLabels {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEY_ARGUMENT_CHARS = 80;
    private static final int PREVIEW_CHARS = 1_200;
    private static final int SUMMARY_LINES = 2;
    private static final int SUMMARY_CHARS = 160;
    private static final Pattern EXIT = Pattern.compile("(?i)exit(?:ed with)?(?: code| status)?[ :=]+(-?\\d+)");
    /** Which input field says most about a call of each built-in tool. */
    private static final List<String> KEY_FIELDS = List.of("command", "file_path", "path", "pattern", "query", "url",
            "description", "name");

    private ToolLabels() {
    }

    static String label(AgentEvent.ToolUse use) {
        String name = use.mcpServer().map(server -> server + "/" + use.name()).orElse(use.name());
        return keyArgument(use.inputJson()).map(arg -> name + ": " + arg).orElse(name);
    }

    static Optional<String> keyArgument(String inputJson) {
        JsonNode input = parse(inputJson);
        if (input == null || !input.isObject()) {
            return Optional.empty();
        }
        for (String field : KEY_FIELDS) {
            JsonNode value = input.get(field);
            if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                return Optional.of(oneLine(value.asText(), KEY_ARGUMENT_CHARS));
            }
        }
        return Optional.empty();
    }

    /** The input, pretty and short, for an approval request. */
    static String inputPreview(String inputJson) {
        String pretty = pretty(inputJson);
        return pretty.length() <= PREVIEW_CHARS ? pretty : pretty.substring(0, PREVIEW_CHARS - 1) + "…";
    }

    /** Whether {@link #inputPreview} is the whole input. */
    static boolean inputFits(String inputJson) {
        return pretty(inputJson).length() <= PREVIEW_CHARS;
    }

    /** The whole input, pretty-printed when it is JSON, for the review before an approval. */
    public static String pretty(String inputJson) {
        if (inputJson == null) {
            return "";
        }
        JsonNode input = parse(inputJson);
        try {
            return input == null ? inputJson : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(input);
        } catch (Exception e) {
            return inputJson;
        }
    }

    static String resultSummary(String text, boolean error) {
        String status = error ? "failed" : "ok";
        Matcher exit = EXIT.matcher(text == null ? "" : text);
        if (exit.find()) {
            status += ", exit " + exit.group(1);
        }
        String firstLines = text == null ? "" : text.strip().lines().filter(l -> !l.isBlank()).limit(SUMMARY_LINES)
                .map(String::strip).reduce((a, b) -> a + " ⏎ " + b).orElse("");
        return firstLines.isEmpty() ? status : status + " — " + oneLine(firstLines, SUMMARY_CHARS);
    }

    static boolean trimmed(String text) {
        return text != null && (text.strip().lines().filter(l -> !l.isBlank()).count() > SUMMARY_LINES
                || text.length() > SUMMARY_CHARS);
    }

    /** The tool call a {@code user.tool_confirmation} answered. */
    static Optional<String> confirmedToolUse(String rawJson) {
        JsonNode node = parse(rawJson);
        return node == null || !node.hasNonNull("tool_use_id") ? Optional.empty() : Optional.of(node.get("tool_use_id").asText());
    }

    static String oneLine(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    private static JsonNode parse(String json) {
        try {
            return json == null || json.isBlank() ? null : JSON.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }
}
