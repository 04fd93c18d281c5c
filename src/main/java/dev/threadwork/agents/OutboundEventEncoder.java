package dev.threadwork.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wire form of the events Threadwork sends. */
final class OutboundEventEncoder {

    Map<String, Object> encode(OutboundEvent event) {
        Map<String, Object> wire = new LinkedHashMap<>();
        switch (event) {
            case OutboundEvent.UserMessage message -> {
                wire.put("type", "user.message");
                List<Object> content = new java.util.ArrayList<>();
                content.add(Map.of("type", "text", "text", message.text()));
                message.marker().ifPresent(marker -> content.add(Map.of("type", "text", "text", marker)));
                message.imageFileIds().forEach(fileId -> content.add(
                        Map.of("type", "image", "source", Map.of("type", "file", "file_id", fileId))));
                wire.put("content", content);
            }
            case OutboundEvent.Interrupt ignored -> wire.put("type", "user.interrupt");
            case OutboundEvent.ToolConfirmation confirmation -> {
                wire.put("type", "user.tool_confirmation");
                wire.put("tool_use_id", confirmation.toolUseId());
                wire.put("result", confirmation.allow() ? "allow" : "deny");
                confirmation.denyMessage().ifPresent(message -> wire.put("deny_message", message));
            }
        }
        return wire;
    }
}
