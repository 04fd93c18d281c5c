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
                wire.put("content", message.marker()
                        .map(marker -> List.of(Map.of("type", "text", "text", message.text()), Map.of("type", "text", "text", marker)))
                        .orElse(List.of(Map.of("type", "text", "text", message.text()))));
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
