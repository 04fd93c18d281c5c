package dev.threadwork.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadwork.fakes.agents.FakeManagedAgents;
import dev.threadwork.fakes.slack.BotIdentity;
import dev.threadwork.fakes.slack.FakeSlack;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real application against both loopback fakes: what every integration test starts with.
 * Also speaks Slack's side of the Events API: signed deliveries of mentions and messages.
 */
public final class Harness implements AutoCloseable {

    public static final String TEAM = "T0FAKE0001";
    public static final String BOT_USER = "U0BOT00001";
    public static final String CHANNEL = "C0GENERAL1";
    public static final String ALICE = "U0ALICE001";
    public static final String BOB = "U0BOB00001";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final FakeSlack slack;
    public final FakeManagedAgents agents;
    public final Path workDir;
    public AppProcess app;
    private final SlackRequests requests = new SlackRequests(TestSecrets.SIGNING_SECRET);
    private final AtomicLong eventIds = new AtomicLong(System.nanoTime() % 1_000_000);
    private final Map<String, String> extraEnv = new HashMap<>();

    public Harness(String name) {
        this.slack = new FakeSlack(BotIdentity.defaults().withToken(TestSecrets.BOT_TOKEN), 0, Clock.systemUTC()).start();
        this.agents = new FakeManagedAgents(TestSecrets.API_KEY, 0).start();
        this.workDir = Path.of("target", "it", name + "-" + System.currentTimeMillis()).toAbsolutePath();
        slack.addUser(ALICE, "Alice", "Alice Example", false);
        slack.addUser(BOB, "Bob", "Bob Example", false);
        slack.addChannel(CHANNEL, "general", false);
    }

    public Harness env(String key, String value) {
        extraEnv.put(key, value);
        return this;
    }

    public Harness withoutEnv(String key) {
        extraEnv.remove(key);
        return this;
    }

    public Harness startApp() throws IOException {
        Map<String, String> env = AppProcess.validEnv(slack.apiUrl(), agents.baseUrl());
        env.put("THREADWORK_ADMINS", "U0ADMIN001");
        env.putAll(extraEnv);
        app = new AppProcess(env, workDir).startReady();
        return this;
    }

    /** Starts the application again on the same database (after a stop or a kill). */
    public Harness restartApp() throws IOException, InterruptedException {
        Map<String, String> env = AppProcess.validEnv(slack.apiUrl(), agents.baseUrl());
        env.put("THREADWORK_ADMINS", "U0ADMIN001");
        env.putAll(extraEnv);
        env.put("THREADWORK_PORT", Integer.toString(app.port()));
        app = new AppProcess(env, workDir).startReady();
        return this;
    }

    // ---- Slack's side ------------------------------------------------------------------------------

    /** A human message that exists in the fake workspace (so reactions on it work), not yet delivered. */
    public String humanMessage(String channel, String threadTs, String user, String text) {
        String ts = slack.nextTs();
        slack.seedMessage(channel, ts, threadTs, user, text);
        return ts;
    }

    public ObjectNode mentionEvent(String channel, String user, String ts, String threadTs, String text) {
        ObjectNode event = JSON.createObjectNode().put("type", "app_mention").put("user", user)
                .put("text", "<@" + BOT_USER + "> " + text).put("ts", ts).put("channel", channel).put("event_ts", ts);
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        return event;
    }

    public ObjectNode messageEvent(String channel, String channelType, String user, String ts, String threadTs, String text) {
        ObjectNode event = JSON.createObjectNode().put("type", "message").put("user", user).put("text", text)
                .put("ts", ts).put("channel", channel).put("channel_type", channelType).put("event_ts", ts);
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        return event;
    }

    public String envelope(ObjectNode event, String eventId) {
        ObjectNode body = JSON.createObjectNode().put("token", "legacy").put("team_id", TEAM).put("api_app_id", "A0APP00001")
                .put("type", "event_callback").put("event_id", eventId).put("event_time", System.currentTimeMillis() / 1000);
        body.set("event", event);
        body.putArray("authorizations").addObject().put("team_id", TEAM).put("user_id", BOT_USER).put("is_bot", true);
        return body.toString();
    }

    public String newEventId() {
        return "Ev" + eventIds.incrementAndGet();
    }

    /** Delivers an event the way Slack does (signed), and returns the HTTP status. */
    public int deliver(ObjectNode event) throws IOException, InterruptedException {
        return deliver(envelope(event, newEventId()), Map.of());
    }

    public int deliver(String body, Map<String, String> extraHeaders) throws IOException, InterruptedException {
        Map<String, String> headers = new HashMap<>(requests.signedHeaders(body, "application/json"));
        headers.putAll(extraHeaders);
        return app.post("/slack/events", headers, body).statusCode();
    }

    /** A slash command or interactivity payload (form-encoded), signed. */
    public HttpResponse<String> deliverForm(Map<String, String> fields) throws IOException, InterruptedException {
        String body = SlackRequests.form(fields);
        return app.post("/slack/events", requests.signedHeaders(body, "application/x-www-form-urlencoded"), body);
    }

    /** The first line of each {@code user.message} the session received: who said what (see {@link #spoken} for whole messages). */
    public java.util.List<String> saidTo(String sessionId) {
        return agents.userMessages(sessionId).stream().map(m -> m.lines().findFirst().orElse("")).toList();
    }

    /** What the bot answered {@code /agent <text>}: with the ack, or later through the response URL. */
    public String commandAnswer(String channel, String user, String text) throws Exception {
        String label = "cmd-" + System.nanoTime();
        HttpResponse<String> response = command(channel, user, text, label);
        if (response.statusCode() != 200) {
            throw new AssertionError("/agent " + text + " answered HTTP " + response.statusCode());
        }
        if (response.body() != null && !response.body().isBlank()) {
            String immediate = JSON.readTree(response.body()).path("text").asText("");
            if (!immediate.isEmpty()) {
                return immediate;
            }
        }
        return await("an answer to /agent " + text).atMost(Duration.ofSeconds(30))
                .until(() -> slack.responses(label), list -> !list.isEmpty()).getFirst().text();
    }

    /** {@code /agent <text>} as Slack posts it; the bot's later answers go to {@code responseLabel}. */
    public HttpResponse<String> command(String channel, String user, String text, String responseLabel)
            throws IOException, InterruptedException {
        Map<String, String> fields = new HashMap<>();
        fields.put("token", "legacy");
        fields.put("team_id", TEAM);
        fields.put("team_domain", "test");
        fields.put("channel_id", channel);
        fields.put("channel_name", "c");
        fields.put("user_id", user);
        fields.put("user_name", user.toLowerCase());
        fields.put("command", "/agent");
        fields.put("text", text);
        fields.put("api_app_id", "A0APP00001");
        fields.put("response_url", slack.responseUrl(responseLabel));
        fields.put("trigger_id", "1.2.3");
        return deliverForm(fields);
    }

    /**
     * A click on a button of the bot's message, as Slack posts it. The bot's buttons live in a
     * session's thread, so the payload names that thread (found from the session id in the value).
     */
    public HttpResponse<String> click(String channel, String user, String actionId, String value, String responseLabel)
            throws IOException, InterruptedException {
        String sessionId = value == null ? "" : value.split("\\|", 2)[0];
        String threadTs = agents.sessionIds().contains(sessionId)
                ? agents.session(sessionId).metadata().path("slack_thread_ts").asText(null) : null;
        return click(channel, threadTs, user, actionId, value, responseLabel);
    }

    /** A click on a button of a bot message in the thread {@code threadTs} (null: a top-level message). */
    public HttpResponse<String> click(String channel, String threadTs, String user, String actionId, String value,
                                      String responseLabel) throws IOException, InterruptedException {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A0APP00001")
                .put("token", "legacy").put("trigger_id", "1.2.3").put("response_url", slack.responseUrl(responseLabel));
        payload.putObject("user").put("id", user).put("username", user.toLowerCase()).put("team_id", TEAM);
        payload.putObject("team").put("id", TEAM).put("domain", "test");
        payload.putObject("channel").put("id", channel).put("name", "c");
        ObjectNode container = payload.putObject("container").put("type", "message").put("channel_id", channel)
                .put("message_ts", "1.1");
        if (threadTs != null) {
            container.put("thread_ts", threadTs);
            payload.putObject("message").put("type", "message").put("ts", "1.1").put("thread_ts", threadTs).put("text", "card");
        }
        payload.putArray("actions").addObject().put("type", "button").put("action_id", actionId).put("block_id", "b")
                .put("value", value).put("action_ts", "1.2");
        return deliverForm(Map.of("payload", payload.toString()));
    }

    /** A modal's submission, as Slack posts it ({@code values}: block id → the single input's value). */
    public HttpResponse<String> submitView(String user, String callbackId, String privateMetadata, Map<String, String> values)
            throws IOException, InterruptedException {
        ObjectNode payload = JSON.createObjectNode().put("type", "view_submission").put("api_app_id", "A0APP00001")
                .put("token", "legacy").put("trigger_id", "1.2.3");
        payload.putObject("user").put("id", user).put("username", user.toLowerCase()).put("team_id", TEAM);
        payload.putObject("team").put("id", TEAM).put("domain", "test");
        ObjectNode view = payload.putObject("view").put("id", "V0SUBMIT01").put("type", "modal").put("callback_id", callbackId)
                .put("private_metadata", privateMetadata).put("team_id", TEAM);
        ObjectNode state = view.putObject("state").putObject("values");
        values.forEach((block, value) -> state.putObject(block).putObject(block).put("type", "plain_text_input").put("value", value));
        return deliverForm(Map.of("payload", payload.toString()));
    }

    /**
     * What each person said to a session: its user messages without what Threadwork adds to the
     * first one (the format note, channel instructions, earlier thread messages).
     */
    public java.util.List<String> spoken(String sessionId) {
        return agents.userMessages(sessionId).stream().map(m -> m.split("\n\n\\[Threadwork]", 2)[0]).toList();
    }

    /** The "Stop agent" message shortcut on a message of a thread. */
    public HttpResponse<String> stopShortcut(String channel, String user, String messageTs, String threadTs, String responseLabel)
            throws IOException, InterruptedException {
        ObjectNode payload = JSON.createObjectNode().put("type", "message_action").put("callback_id", "stop_agent")
                .put("trigger_id", "1.2.3").put("token", "legacy").put("message_ts", messageTs)
                .put("response_url", slack.responseUrl(responseLabel));
        payload.putObject("team").put("id", TEAM).put("domain", "test");
        payload.putObject("user").put("id", user).put("name", user.toLowerCase());
        payload.putObject("channel").put("id", channel).put("name", "c");
        payload.putObject("message").put("type", "message").put("ts", messageTs).put("thread_ts", threadTs)
                .put("text", "x").put("user", ALICE);
        return deliverForm(Map.of("payload", payload.toString()));
    }

    /** Mentions the bot at the top level of the channel and returns the new thread's ts. */
    public String startThread(String user, String text) throws IOException, InterruptedException {
        String ts = humanMessage(CHANNEL, null, user, "<@" + BOT_USER + "> " + text);
        int status = deliver(mentionEvent(CHANNEL, user, ts, null, text));
        if (status != 200) {
            throw new AssertionError("Slack delivery answered " + status);
        }
        return ts;
    }

    /** The id of the session's first tool call. */
    public String firstToolUse(String session) {
        return agents.session(session).events().stream().filter(e -> "agent.tool_use".equals(e.path("type").asText()))
                .findFirst().orElseThrow().path("id").asText();
    }

    /** How many events of a type the session holds. */
    public long eventsOfType(String session, String type) {
        return agents.session(session).events().stream().filter(e -> type.equals(e.path("type").asText())).count();
    }

    /** The session the fake agents API created for a thread (waits for it). */
    public String sessionOf(String threadTs) {
        return await("a session for thread " + threadTs).atMost(Duration.ofSeconds(30)).until(() -> agents.sessionIds().stream()
                .filter(id -> threadTs.equals(agents.session(id).metadata().path("slack_thread_ts").asText()))
                .findFirst().orElse(null), id -> id != null);
    }

    @Override
    public void close() throws Exception {
        if (app != null) {
            app.close();
        }
        agents.close();
        slack.close();
    }
}
