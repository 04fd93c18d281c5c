package dev.threadwork.it;

import static dev.threadwork.it.Harness.ALICE;
import static dev.threadwork.it.Harness.BOB;
import static dev.threadwork.it.Harness.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadwork.fakes.agents.Scripts;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Steering sessions from Slack: /agent, buttons, keywords; permissions, double clicks and late clicks. */
class ControlIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "U0ADMIN001";
    private static Harness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new Harness("control").startApp();
        harness.slack.addUser(ADMIN, "Admin", "Ada Admin", false);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    private static HttpResponse<String> command(String user, String text) throws Exception {
        return command(CHANNEL, user, text);
    }

    private static HttpResponse<String> command(String channel, String user, String text) throws Exception {
        return harness.command(channel, user, text, "command-" + System.nanoTime());
    }

    /** The text of an immediate answer (Bolt sends it as JSON). */
    private static String answer(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("text").asText();
    }

    private static HttpResponse<String> click(String user, String actionId, String value) throws Exception {
        return harness.click(CHANNEL, user, actionId, value, "click-" + System.nanoTime());
    }

    /** Clicks and returns what the bot answered the clicker (through the action's response URL). */
    private static String clickAnswer(String user, String actionId, String value) throws Exception {
        String label = "answer-" + System.nanoTime();
        assertThat(harness.click(CHANNEL, user, actionId, value, label).statusCode()).isEqualTo(200);
        return await().atMost(WAIT).until(() -> harness.slack.responses(label), list -> !list.isEmpty()).getFirst().text();
    }

    private static long eventsOfType(String session, String type) {
        return harness.eventsOfType(session, type);
    }

    @Test
    void helpAndUnknownSubcommandsAnswerWithTheUsage() throws Exception {
        HttpResponse<String> help = command(ALICE, "help");
        assertThat(help.statusCode()).isEqualTo(200);
        assertThat(answer(help)).contains("/agent new <task>").contains("/agent list");

        HttpResponse<String> unknown = command(ALICE, "frobnicate now");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(answer(unknown)).contains("I don't know `frobnicate`").contains("/agent new <task>");
    }

    @Test
    void agentNewStartsAThreadAndListShowsIt() throws Exception {
        assertThat(command(ALICE, "new tidy up the changelog").statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> harness.slack.workspace().messagesInChannel(CHANNEL).stream()
                .anyMatch(m -> m.text() != null && m.text().contains("asked: tidy up the changelog")));
        String root = harness.slack.workspace().messagesInChannel(CHANNEL).stream()
                .filter(m -> m.text() != null && m.text().contains("asked: tidy up the changelog")).findFirst().orElseThrow().ts();
        String session = harness.sessionOf(root);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, root, "Echo: Alice [U0ALICE001]: tidy up the changelog") == 1);

        HttpResponse<String> list = command(ALICE, "list");
        assertThat(answer(list)).contains("tidy up the changelog").contains(session);
        assertThat(answer(command(ALICE, "config"))).contains("agent_default").contains("env_default");
    }

    @Test
    void approveRunsTheToolOnceAndASecondOrForeignClickChangesNothing() throws Exception {
        harness.agents.script(Scripts.ASK_FIRST);
        String thread = harness.startThread(ALICE, "clean the build");
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "The agent wants to run") == 1);
        String toolUse = harness.firstToolUse(session);

        // Bob did not start the session and is no admin: refused, nothing sent.
        assertThat(clickAnswer(BOB, "tool_approve", session + "|" + toolUse)).contains("Only <@" + ALICE + ">");
        // Alice approves, twice (a double click): one answer goes to the API, the second is told so.
        assertThat(clickAnswer(ALICE, "tool_approve", session + "|" + toolUse)).isEqualTo("Approved.");
        assertThat(clickAnswer(ALICE, "tool_approve", session + "|" + toolUse)).contains("already approved by <@" + ALICE + ">");

        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Removed the build directory.") == 1);
        assertThat(eventsOfType(session, "user.tool_confirmation")).isEqualTo(1);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "approved by") == 1);
        harness.agents.script(Scripts.ECHO);
    }

    @Test
    void anApprovalAfterTheSessionMovedOnChangesNothing() throws Exception {
        harness.agents.script(Scripts.ASK_FIRST);
        String thread = harness.startThread(ALICE, "remove the cache");
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "The agent wants to run") == 1);
        String toolUse = harness.firstToolUse(session);

        assertThat(click(ALICE, "session_stop", session).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> eventsOfType(session, "user.interrupt") == 1);
        String answer = clickAnswer(ALICE, "tool_approve", session + "|" + toolUse);

        // The API refused the late answer: Alice is told, and the thread gets no tool result.
        assertThat(answer).contains("no longer accepts");
        assertThat(eventsOfType(session, "user.tool_confirmation")).isZero();
        assertThat(harness.slack.countInThread(CHANNEL, thread, "Removed the build directory.")).isZero();
        harness.agents.script(Scripts.ECHO);
    }

    @Test
    void stopFromTheCardAndEndFromAKeywordControlTheSession() throws Exception {
        harness.agents.script(Scripts.ECHO);
        String thread = harness.startThread(ALICE, "keep me busy");
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "Echo: Alice [U0ALICE001]: keep me busy") == 1);

        assertThat(click(BOB, "session_stop", session).statusCode()).isEqualTo(200);
        assertThat(click(ALICE, "session_stop", session).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> eventsOfType(session, "user.interrupt") == 1);

        String keyword = harness.humanMessage(CHANNEL, thread, ALICE, "<@U0BOT00001> end");
        assertThat(harness.deliver(harness.mentionEvent(CHANNEL, ALICE, keyword, thread, "end"))).isEqualTo(200);
        await().atMost(WAIT).until(() -> harness.agents.session(session).archived());
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "ended the session") == 1);

        // A reply to the ended session cannot be delivered: the thread says so and offers a new session.
        String late = harness.humanMessage(CHANNEL, thread, BOB, "one more thing");
        assertThat(harness.deliver(harness.messageEvent(CHANNEL, "channel", BOB, late, thread, "one more thing"))).isEqualTo(200);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread, "couldn't pass your message on") == 1);
        assertThat(harness.spoken(session)).containsExactly("Alice [U0ALICE001]: keep me busy");
    }

    @Test
    void onlyAdminsChangeChannelSettingsAndTheyAreValidated() throws Exception {
        String other = "C0OTHER001"; // its own channel: these settings must not reach the other tests' sessions
        assertThat(command(other, BOB, "config set budget 5").statusCode()).isEqualTo(200);
        assertThat(command(other, ADMIN, "config set agent agent_missing").statusCode()).isEqualTo(200);
        assertThat(command(other, ADMIN, "config set instructions Always answer in French").statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> answer(command(other, ALICE, "config")).contains("Always answer in French"));
        String config = answer(command(other, ALICE, "config"));
        assertThat(config).contains("agent: `agent_default`").contains("budget per session: none");
    }
}
