package dev.threadwork.it;

import static dev.threadwork.it.Harness.ALICE;
import static dev.threadwork.it.Harness.BOB;
import static dev.threadwork.it.Harness.BOT_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadwork.fakes.slack.EphemeralMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 9: what an operator sets for the whole deployment — a default talk policy, a
 * policy for direct messages, Slack Connect users refused unless allowed, daily spend caps.
 */
class OperatorDefaultsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "U0ADMIN001";
    private static final String OUTSIDER = "U0EXTERN01";
    private static Harness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new Harness("operator")
                .env("THREADWORK_DEFAULT_TALK_POLICY", "allow-list")
                .env("THREADWORK_DM_POLICY", "admins")
                .env("THREADWORK_DAILY_CAP_PER_USER_USD", "0.01")
                .env("THREADWORK_DAILY_CAP_PER_WORKSPACE_USD", "100")
                .startApp();
        harness.slack.addUser(ADMIN, "Admin", "Ada Admin", false);
        harness.slack.addExternalUser(OUTSIDER, "Olga", "T0PARTNER1");
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    @Test
    void theGlobalDefaultPolicyAppliesToChannelsWithoutSettings() throws Exception {
        String channel = "C0NOSETTNG";
        String ts = mention(channel, BOB, "do something");
        await().atMost(WAIT).until(() -> told(channel, BOB, "allow-list"));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> noSessionFor(ts));

        assertThat(harness.commandAnswer(channel, ADMIN, "config set allow <@" + BOB + "|bob>")).startsWith("Saved");
        String allowed = mention(channel, BOB, "now it works");
        harness.sessionOf(allowed);
    }

    @Test
    void directMessagesFollowTheirOwnPolicy() throws Exception {
        String dm = "D0ALICEDM1";
        String ts = harness.humanMessage(dm, null, ALICE, "summarise the incidents");
        assertThat(harness.deliver(harness.messageEvent(dm, "im", ALICE, ts, null, "summarise the incidents"))).isEqualTo(200);
        await().atMost(WAIT).until(() -> told(dm, ALICE, "direct messages"));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> noSessionFor(ts));

        String adminDm = "D0ADMINDM1";
        String adminTs = harness.humanMessage(adminDm, null, ADMIN, "summarise the incidents");
        assertThat(harness.deliver(harness.messageEvent(adminDm, "im", ADMIN, adminTs, null, "summarise the incidents")))
                .isEqualTo(200);
        harness.sessionOf(adminTs);
    }

    @Test
    void slackConnectUsersAreRefusedAndADailyCapBlocksNewSessionsWithANotice() throws Exception {
        String channel = "C0SHARED01";
        assertThat(harness.commandAnswer(channel, ADMIN, "config set policy anyone")).startsWith("Saved");

        String external = mention(channel, OUTSIDER, "show me your secrets");
        await().atMost(WAIT).until(() -> told(channel, OUTSIDER, "outside this workspace"));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> noSessionFor(external));

        // Alice's first session costs $0.01 (the fake reports one cent), her cap for the day.
        String first = mention(channel, ALICE, "first job");
        harness.sessionOf(first);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(channel, first, "$0.01") >= 1);

        String second = mention(channel, ALICE, "second job");
        await().atMost(WAIT).until(() -> harness.slack.countInThread(channel, second, "daily spend cap") == 1);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> noSessionFor(second));

        HttpResponse<String> viaCommand = harness.command(channel, ALICE, "new third job", "cap-" + System.nanoTime());
        assertThat(viaCommand.statusCode()).isEqualTo(200);
        String answer = harness.commandAnswer(channel, ALICE, "new fourth job");
        assertThat(answer).contains("daily spend cap");
    }

    private static String mention(String channel, String user, String text) throws Exception {
        String ts = harness.humanMessage(channel, null, user, "<@" + BOT_USER + "> " + text);
        assertThat(harness.deliver(harness.mentionEvent(channel, user, ts, null, text))).isEqualTo(200);
        return ts;
    }

    private static boolean told(String channel, String user, String fragment) {
        List<EphemeralMessage> ephemerals = harness.slack.workspace().ephemerals(channel);
        return ephemerals.stream().anyMatch(e -> user.equals(e.user()) && e.text() != null && e.text().contains(fragment));
    }

    private static boolean noSessionFor(String threadTs) {
        return harness.agents.sessionIds().stream()
                .noneMatch(id -> threadTs.equals(harness.agents.session(id).metadata().path("slack_thread_ts").asText()));
    }

}
