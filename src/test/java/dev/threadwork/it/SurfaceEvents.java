package dev.threadwork.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Slack's payloads for the assistant pane and the App Home, shaped as in Slack's documentation. */
final class SurfaceEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SurfaceEvents() {
    }

    static ObjectNode assistantThreadStarted(String user, String dm, String threadTs, String viewingChannel) {
        return assistantThread("assistant_thread_started", user, dm, threadTs, viewingChannel);
    }

    static ObjectNode assistantThreadContextChanged(String user, String dm, String threadTs, String viewingChannel) {
        return assistantThread("assistant_thread_context_changed", user, dm, threadTs, viewingChannel);
    }

    private static ObjectNode assistantThread(String type, String user, String dm, String threadTs, String viewingChannel) {
        ObjectNode event = JSON.createObjectNode().put("type", type).put("event_ts", threadTs);
        ObjectNode thread = event.putObject("assistant_thread").put("user_id", user).put("channel_id", dm).put("thread_ts", threadTs);
        ObjectNode context = thread.putObject("context");
        if (viewingChannel != null) {
            context.put("channel_id", viewingChannel).put("team_id", Harness.TEAM).putNull("enterprise_id");
        }
        return event;
    }

    static ObjectNode appHomeOpened(String user, String tab) {
        ObjectNode event = JSON.createObjectNode().put("type", "app_home_opened").put("user", user).put("channel", "D0HOME" + user.substring(3, 7))
                .put("tab", tab).put("event_ts", "1700000000.000001");
        if ("home".equals(tab)) {
            event.putObject("view").put("id", "V0HOME0001").put("team_id", Harness.TEAM).put("type", "home")
                    .put("callback_id", "threadwork_home").put("hash", "1700000000.abc").putArray("blocks");
        }
        return event;
    }

    /** A click on a button of the Home tab: the container is the view, there is no channel and no response URL. */
    static String homeClick(String user, String actionId, String value) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A0APP00001")
                .put("token", "legacy").put("trigger_id", "1.2.3");
        payload.putObject("user").put("id", user).put("username", user.toLowerCase()).put("team_id", Harness.TEAM);
        payload.putObject("team").put("id", Harness.TEAM).put("domain", "test");
        payload.putObject("container").put("type", "view").put("view_id", "V0HOME0001");
        payload.putObject("view").put("id", "V0HOME0001").put("type", "home").put("team_id", Harness.TEAM)
                .put("callback_id", "threadwork_home").put("hash", "1700000000.abc").putArray("blocks");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", actionId).put("block_id", "b")
                .put("value", value).put("action_ts", "1.2");
        return payload.toString();
    }
}
