package dev.threadwork.fakes.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.assistant.SuggestedPrompt;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeSlackAssistantViewsFilesTest extends FakeSlackSdkTestSupport {

    private static final String ROOT = "1700000000.000010";
    private static final String MODAL = "{\"type\":\"modal\",\"callback_id\":\"cfg\",\"title\":{\"type\":\"plain_text\",\"text\":\"Config\"},"
            + "\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"%s\"}}]}";

    @Test
    void assistantThreadStatusTitleAndPromptsAreRecordedPerThread() throws Exception {
        assertThat(client.assistantThreadsSetStatus(r -> r.channelId(CHANNEL).threadTs(ROOT).status("is working…")).isOk()).isTrue();
        assertThat(client.assistantThreadsSetTitle(r -> r.channelId(CHANNEL).threadTs(ROOT).title("Fix CI")).isOk()).isTrue();
        assertThat(client.assistantThreadsSetSuggestedPrompts(r -> r.channelId(CHANNEL).threadTs(ROOT)
                .prompts(List.of(SuggestedPrompt.create("Retry"))))
                .isOk()).isTrue();
        assertThat(client.assistantThreadsSetStatus(r -> r.channelId(CHANNEL).threadTs(ROOT).status("")).isOk()).isTrue();

        assertThat(fake.workspace().statuses(CHANNEL, ROOT)).containsExactly("is working…", "");
        assertThat(fake.workspace().currentStatus(CHANNEL, ROOT)).isEmpty();
        assertThat(fake.workspace().assistantUpdates(CHANNEL, ROOT)).extracting(AssistantThreadUpdate::kind)
                .containsExactly("status", "title", "suggested_prompts", "status");
        assertThat(fake.workspace().assistantUpdates(CHANNEL, ROOT).get(2).value()).contains("Retry");
    }

    @Test
    void viewsOpenUpdateAndPublish() throws Exception {
        var opened = client.viewsOpen(r -> r.triggerId("123.456.abc").viewAsString(MODAL.formatted("first")));
        assertThat(opened.isOk()).isTrue();
        String viewId = opened.getView().getId();
        assertThat(viewId).startsWith("V");
        assertThat(opened.getView().getCallbackId()).isEqualTo("cfg");

        var updated = client.viewsUpdate(r -> r.viewId(viewId).hash(opened.getView().getHash())
                .viewAsString(MODAL.formatted("second")));
        assertThat(updated.isOk()).isTrue();
        assertThat(fake.workspace().view(viewId).orElseThrow().viewJson()).contains("second");
        assertThat(client.viewsUpdate(r -> r.viewId(viewId).hash(opened.getView().getHash())
                .viewAsString(MODAL.formatted("stale"))).getError()).isEqualTo("hash_conflict");
        assertThat(client.viewsUpdate(r -> r.viewId("V0NOPE").viewAsString(MODAL.formatted("x"))).getError())
                .isEqualTo("not_found");

        fake.addUser(HUMAN, "Human", "Human Example", false);
        var home = client.viewsPublish(r -> r.userId(HUMAN).viewAsString(
                "{\"type\":\"home\",\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"hi\"}}]}"));
        assertThat(home.isOk()).isTrue();
        assertThat(fake.workspace().views()).extracting(FakeView::type).containsExactly("modal", "home");
    }

    @Test
    void filesUploadV2GoesThroughTheExternalFlowIntoTheThread() throws Exception {
        fake.seedMessage(CHANNEL, ROOT, null, HUMAN, "long output please");

        var uploaded = client.filesUploadV2(r -> r.channel(CHANNEL).threadTs(ROOT).filename("report.md")
                .title("Report").content("# Report\nall good").initialComment("full report attached"));

        assertThat(uploaded.isOk()).isTrue();
        assertThat(uploaded.getFile().getId()).startsWith("F");
        UploadedFile file = fake.workspace().file(uploaded.getFile().getId()).orElseThrow();
        assertThat(file.contentAsString()).isEqualTo("# Report\nall good");
        assertThat(file.completed()).isTrue();
        assertThat(file.threadTs()).isEqualTo(ROOT);
        assertThat(fake.messagesInThread(CHANNEL, ROOT).getLast().fileIds()).containsExactly(file.id());
        assertThat(fake.messagesInThread(CHANNEL, ROOT).getLast().text()).isEqualTo("full report attached");
        assertThat(fake.ledger().all()).extracting(SlackCall::method)
                .containsSubsequence("files.getUploadURLExternal", FakeSlack.UPLOAD_CALL, "files.completeUploadExternal");
    }
}
