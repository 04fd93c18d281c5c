package dev.threadwork.it;

import static dev.threadwork.it.Harness.ALICE;
import static dev.threadwork.it.Harness.BOB;
import static dev.threadwork.it.Harness.BOT_USER;
import static dev.threadwork.it.Harness.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadwork.fakes.slack.AssistantThreadUpdate;
import dev.threadwork.fakes.slack.FakeView;
import dev.threadwork.fakes.slack.SlackCall;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Slack's own surfaces, through the signed endpoint: the assistant pane (greeting, suggested
 * prompts, titles, the channel in view reaching the agent) and the App Home (sessions, spend,
 * controls, the admins' workspace view, refresh on change).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the prompts test sets workspace prompts; the first expects built-in ones
class SurfacesIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String ADMIN = "U0ADMIN001";
    private static final String INCIDENTS = "C0INCIDNT1";
    private static final String SECRET = "G0SECRET01";
    private static final String LOCKED = "C0LOCKED01";
    private static Harness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new Harness("surfaces").startApp();
        harness.slack.addUser(ADMIN, "Ada Admin", "Ada Admin", false);
        harness.slack.addChannel(INCIDENTS, "incidents", false);
        harness.slack.addChannel(SECRET, "secret", true);
        harness.slack.addChannel(LOCKED, "locked", false);
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    // ---- assistant pane ---------------------------------------------------------------------------

    @Test
    @Order(1)
    void aNewUserOpeningThePaneSeesPromptsGetsATitledThreadAndTheAgentKnowsTheChannelInView() throws Exception {
        harness.humanMessage(INCIDENTS, null, BOB, "Deploy of v2.3 failed at the <@" + BOT_USER + "> migration step");
        harness.humanMessage(INCIDENTS, null, ALICE, "rolling back now");
        String dm = "D0PANEALI1";
        String thread = openPane(ALICE, dm, CHANNEL);

        await().atMost(WAIT).until(() -> kinds(dm, thread).contains("suggested_prompts"));
        assertThat(update(dm, thread, "suggested_prompts")).contains("Summarise this channel").contains("Fix a failing test");
        assertThat(harness.slack.calls("assistant.threads.setSuggestedPrompts").getLast().param("title")).isEqualTo("Try one of these:");
        await().atMost(WAIT).until(() -> harness.slack.countInThread(dm, thread, "Hi <@" + ALICE + ">! Give me a task") == 1);

        // The user moves to #incidents while the pane is open, then asks.
        assertThat(harness.deliver(SurfaceEvents.assistantThreadContextChanged(ALICE, dm, thread, INCIDENTS))).isEqualTo(200);
        String ts = harness.humanMessage(dm, thread, ALICE, "what went wrong with the deploy?");
        assertThat(harness.deliver(harness.messageEvent(dm, "im", ALICE, ts, thread, "what went wrong with the deploy?"))).isEqualTo(200);

        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.agents.userMessages(session).size() == 1);
        String first = harness.agents.userMessages(session).getFirst();
        System.out.println("[SurfacesIT] first user.message of the pane session:\n" + first);
        assertThat(first).startsWith("Alice").contains("what went wrong with the deploy?")
                .contains("[Threadwork] The user has the Slack channel #incidents (id " + INCIDENTS + ") open beside this conversation.")
                .contains("[Threadwork] Recent messages in #incidents (oldest first):")
                .doesNotContain("Earlier messages in this Slack thread") // only our greeting precedes it in a pane thread
                .containsPattern("Bob[^\n]*: Deploy of v2\\.3 failed at the migration step\n[^\n]*Alice[^\n]*: rolling back now");
        await().atMost(WAIT).until(() -> kinds(dm, thread).contains("title"));
        assertThat(update(dm, thread, "title")).isEqualTo("what went wrong with the deploy?");
        assertThat(harness.agents.session(session).title()).isEqualTo("what went wrong with the deploy?");
        await().atMost(WAIT).until(() -> harness.slack.countInThread(dm, thread, "Echo: Alice [" + ALICE + "]: what went wrong") == 1);

        // Told once: the next message carries no channel context until the channel changes again.
        say(ALICE, dm, thread, "and who was on call?");
        await().atMost(WAIT).until(() -> harness.agents.userMessages(session).size() == 2);
        assertThat(harness.agents.userMessages(session).get(1)).contains("and who was on call?")
                .doesNotContain("The user has the Slack channel").doesNotContain("Recent messages");
        assertThat(harness.deliver(SurfaceEvents.assistantThreadContextChanged(ALICE, dm, thread, CHANNEL))).isEqualTo(200);
        say(ALICE, dm, thread, "and here?");
        await().atMost(WAIT).until(() -> harness.agents.userMessages(session).size() == 3);
        assertThat(harness.agents.userMessages(session).get(2)).contains("and here?")
                .contains("The user has the Slack channel #general (id " + CHANNEL + ")");
        printCalls(dm, thread);
    }

    @Test
    @Order(2)
    void privateChannelsAndAllowListsKeepTheirMessagesFromTheAgentUnlessAnAdminSharesThem() throws Exception {
        harness.humanMessage(SECRET, null, BOB, "the acquisition closes friday");
        harness.humanMessage(LOCKED, null, BOB, "payroll numbers attached");
        assertThat(harness.command(LOCKED, ADMIN, "config set policy allow-list", "locked-policy").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !harness.slack.responses("locked-policy").isEmpty());

        String privateSession = askFromPane("D0PANEALI2", SECRET, "summarise this");
        assertThat(harness.agents.userMessages(privateSession).getFirst())
                .contains("#secret (id " + SECRET + ")").doesNotContain("acquisition");
        String lockedSession = askFromPane("D0PANEALI3", LOCKED, "summarise that");
        assertThat(harness.agents.userMessages(lockedSession).getFirst())
                .contains("#locked (id " + LOCKED + ")").doesNotContain("payroll");

        HttpResponse<String> refused = harness.command(SECRET, ALICE, "config set context on", "x");
        assertThat(refused.body()).contains("Only Threadwork admins");
        HttpResponse<String> shared = harness.command(SECRET, ADMIN, "config set context on", "x");
        assertThat(shared.body()).contains("Saved").contains("go to the agent");
        String sharedSession = askFromPane("D0PANEALI4", SECRET, "and now?");
        assertThat(harness.agents.userMessages(sharedSession).getFirst()).containsPattern("Bob \\[" + BOB + "\\]: the acquisition closes friday");
    }

    @Test
    @Order(3)
    void adminsSetPromptsPerChannelAndForTheWorkspaceAndThePaneFollowsTheChannelInView() throws Exception {
        HttpResponse<String> denied = harness.command(INCIDENTS, ALICE, "config set prompts Triage: Triage the open incidents", "x");
        assertThat(denied.body()).contains("Only Threadwork admins");
        HttpResponse<String> bad = harness.command(INCIDENTS, ADMIN, "config set prompts a|b|c|d|e", "x");
        assertThat(bad.body()).contains("at most 4");
        HttpResponse<String> channel = harness.command(INCIDENTS, ADMIN,
                "config set prompts Triage: Triage the open incidents | Timeline: Write the incident timeline", "x");
        assertThat(channel.body()).contains("Saved the suggested prompts for this channel").contains("Triage");
        HttpResponse<String> workspace = harness.command(CHANNEL, ADMIN, "config set workspace-prompts Standup: Write my standup", "x");
        assertThat(workspace.body()).contains("Saved the suggested prompts for the workspace");
        assertThat(harness.command(INCIDENTS, ADMIN, "config", "x").body()).contains("assistant pane prompts").contains("Timeline");

        String incidentsPane = openPane(BOB, "D0PANEBOB1", INCIDENTS);
        await().atMost(WAIT).until(() -> kinds("D0PANEBOB1", incidentsPane).contains("suggested_prompts"));
        assertThat(update("D0PANEBOB1", incidentsPane, "suggested_prompts"))
                .contains("\"title\":\"Triage\"").contains("Write the incident timeline").doesNotContain("Standup");

        String generalPane = openPane(BOB, "D0PANEBOB2", CHANNEL);
        await().atMost(WAIT).until(() -> kinds("D0PANEBOB2", generalPane).contains("suggested_prompts"));
        assertThat(update("D0PANEBOB2", generalPane, "suggested_prompts")).contains("Standup").doesNotContain("Triage");
        // Before the first message, moving to #incidents brings its prompts.
        assertThat(harness.deliver(SurfaceEvents.assistantThreadContextChanged(BOB, "D0PANEBOB2", generalPane, INCIDENTS)))
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> update("D0PANEBOB2", generalPane, "suggested_prompts").contains("Triage"));

        // A retried assistant_thread_started greets once.
        String body = harness.envelope(SurfaceEvents.assistantThreadStarted(BOB, "D0PANEBOB2", generalPane, CHANNEL), "EvRETRY0001");
        assertThat(harness.deliver(body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"))).isEqualTo(200);
        assertThat(harness.deliver(body, Map.of("X-Slack-Retry-Num", "2", "X-Slack-Retry-Reason", "http_timeout"))).isEqualTo(200);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> harness.slack.countInThread("D0PANEBOB2", generalPane, "Hi <@") == 1);
    }

    // ---- App Home ---------------------------------------------------------------------------------

    @Test
    @Order(4)
    void theHomeTabListsTheUsersSessionsWithCostAndControlsAndRefreshesWhenOneChanges() throws Exception {
        String thread = harness.startThread(ALICE, "tidy the changelog");
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.slack.reactionNames(CHANNEL, thread).contains("white_check_mark"));

        assertThat(harness.deliver(SurfaceEvents.appHomeOpened(ALICE, "home"))).isEqualTo(200);
        await().atMost(WAIT).until(() -> home(ALICE).contains("tidy the changelog"));
        await().atMost(WAIT).until(() -> home(ALICE).matches("(?s).*today: \\*\\$(?!0\\.00\\*)[0-9.]+\\*.*"));
        String view = home(ALICE);
        System.out.println("[SurfacesIT] Alice's Home view:\n" + view);
        assertThat(view).contains("\"type\":\"home\"").contains("Your agent sessions").contains("1,100 tokens · $0.01")
                .contains(":white_check_mark: done · <#" + CHANNEL + ">").contains("last activity <!date^")
                .contains("\"action_id\":\"home_stop\"").contains("\"action_id\":\"home_end\"").contains("\"value\":\"" + session + "\"")
                .contains("\"url\":\"https://").containsPattern("this month: \\*\\$(?!0\\.00\\*)[0-9.]+\\*")
                .doesNotContain("Workspace (admins)");
        SlackCall publish = harness.slack.calls("views.publish").stream().filter(c -> ALICE.equals(c.param("user_id")))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(publish.error()).isNull();

        // A new session of hers shows up without her reopening the tab.
        String second = harness.startThread(ALICE, "second chore");
        harness.sessionOf(second);
        await().atMost(WAIT).until(() -> home(ALICE).contains("second chore"));

        // Bob may not end Alice's session from his Home; Alice may.
        assertThat(harness.deliverForm(Map.of("payload", SurfaceEvents.homeClick(BOB, "home_end", session))).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> home(BOB).contains("Only <@" + ALICE + ">, who started this session"));
        assertThat(harness.agents.session(session).archived()).isFalse();
        assertThat(harness.deliverForm(Map.of("payload", SurfaceEvents.homeClick(ALICE, "home_end", session))).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> home(ALICE).contains("Ended the session in"));
        await().atMost(WAIT).until(() -> harness.agents.session(session).archived());
        await().atMost(WAIT).until(() -> home(ALICE).contains(":white_circle: ended"));
        assertThat(home(ALICE)).doesNotContain("home_controls_" + session);
        assertThat(harness.deliver(SurfaceEvents.appHomeOpened(ALICE, "messages"))).isEqualTo(200);
    }

    @Test
    @Order(5)
    void adminsSeeTheWorkspaceLiveSessionsSpendPerChannelAuditAndHealth() throws Exception {
        String thread = harness.startThread(BOB, "rotate the keys");
        harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.slack.reactionNames(CHANNEL, thread).contains("white_check_mark"));
        assertThat(harness.command(INCIDENTS, ALICE, "config set budget 5", "audit").statusCode()).isEqualTo(200); // denied, audited
        await().atMost(WAIT).until(() -> !harness.slack.responses("audit").isEmpty());

        assertThat(harness.deliver(SurfaceEvents.appHomeOpened(ADMIN, "home"))).isEqualTo(200);
        await().atMost(WAIT).until(() -> home(ADMIN).contains("Workspace (admins)") && home(ADMIN).contains("rotate the keys")
                && home(ADMIN).contains("<#" + CHANNEL + ">: $"));
        String view = home(ADMIN);
        System.out.println("[SurfacesIT] admin's Home view:\n" + view);
        assertThat(view).contains("*Live sessions*").contains("<@" + BOB + ">").contains("*Spend this month by channel*")
                .contains("*Latest audit entries*").contains("<@" + ALICE + "> config — denied (budget=5)")
                .contains("*Health*: :large_green_circle: ready").contains("Outbox backlog: *0*");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Opens an assistant pane thread beside {@code viewing}, as Slack does, and returns its thread ts. */
    private static String openPane(String user, String dm, String viewing) throws Exception {
        String thread = harness.slack.nextTs();
        harness.slack.seedMessage(dm, thread, null, BOT_USER, "");
        assertThat(harness.deliver(SurfaceEvents.assistantThreadStarted(user, dm, thread, viewing))).isEqualTo(200);
        return thread;
    }

    private static String askFromPane(String dm, String viewing, String text) throws Exception {
        String thread = openPane(ALICE, dm, viewing);
        await().atMost(WAIT).until(() -> kinds(dm, thread).contains("suggested_prompts"));
        say(ALICE, dm, thread, text);
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.agents.userMessages(session).size() == 1);
        return session;
    }

    private static void say(String user, String dm, String thread, String text) throws Exception {
        String ts = harness.humanMessage(dm, thread, user, text);
        assertThat(harness.deliver(harness.messageEvent(dm, "im", user, ts, thread, text))).isEqualTo(200);
    }

    private static List<String> kinds(String dm, String thread) {
        return harness.slack.workspace().assistantUpdates(dm, thread).stream().map(AssistantThreadUpdate::kind).toList();
    }

    private static String update(String dm, String thread, String kind) {
        return harness.slack.workspace().assistantUpdates(dm, thread).stream().filter(u -> u.kind().equals(kind))
                .reduce((a, b) -> b).map(AssistantThreadUpdate::value).orElse("");
    }

    private static String home(String user) {
        return harness.slack.workspace().homeView(user).map(FakeView::viewJson).orElse("");
    }

    private static void printCalls(String dm, String thread) {
        System.out.println("[SurfacesIT] assistant.threads.* recorded for " + dm + "/" + thread + ":");
        harness.slack.workspace().assistantUpdates(dm, thread).forEach(u -> System.out.println("  " + u.kind() + " = " + u.value()));
        harness.slack.messagesInThread(dm, thread).forEach(m -> System.out.println("  message: " + m.text()));
    }
}
