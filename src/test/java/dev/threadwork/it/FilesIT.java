package dev.threadwork.it;

import static dev.threadwork.it.Harness.ALICE;
import static dev.threadwork.it.Harness.BOB;
import static dev.threadwork.it.Harness.BOT_USER;
import static dev.threadwork.it.Harness.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadwork.fakes.agents.FakeFilesApi;
import dev.threadwork.fakes.agents.SessionHandle;
import dev.threadwork.fakes.slack.SharedFiles;
import dev.threadwork.fakes.slack.UploadedFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files in and out of a session (issue 16): a file shared in a thread is readable by the agent at the
 * path it is told; what the agent writes to /mnt/session/outputs/ appears in the thread once; a file over
 * the cap gets a message and is not downloaded; a crash in the middle of an upload uploads nothing twice.
 */
class FilesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A 1×1 PNG. */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static final Pattern PATH = Pattern.compile("/mnt/session/uploads/\\S+");
    private static Harness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new Harness("files").env("THREADWORK_MAX_FILE_MB", "1").startApp();
    }

    @AfterAll
    static void stop() throws Exception {
        harness.close();
    }

    /** The agent reads every path it is told and says what it found there. */
    static BiConsumer<SessionHandle, String> readsTheFilesItIsTold(FakeFilesApi files) {
        return (session, text) -> {
            session.running();
            StringBuilder answer = new StringBuilder();
            Matcher paths = PATH.matcher(text);
            while (paths.find()) {
                String path = paths.group();
                answer.append("Read ").append(path).append(" = ").append(files.read(session.sessionId(), path)
                        .map(bytes -> path.endsWith(".png") ? "an image of " + bytes.length + " bytes"
                                : new String(bytes, StandardCharsets.UTF_8)).orElse("NOTHING THERE")).append('\n');
            }
            session.text(answer.isEmpty() ? "No files for me." : answer.toString().strip());
            session.usage(100, 10);
            session.idle("end_turn");
        };
    }

    static ObjectNode fileShare(Harness h, String user, String ts, String threadTs, String text, ObjectNode... files) {
        ObjectNode event = h.messageEvent(CHANNEL, "channel", user, ts, threadTs, text).put("subtype", "file_share")
                .put("upload", false).put("display_as_bot", false);
        event.putArray("files").addAll(List.of(files));
        return event;
    }

    @Test
    void aFileSharedInTheThreadIsReadableByTheAgentAtThePathItIsTold() throws Exception {
        harness.agents.script(readsTheFilesItIsTold(harness.agents.files()));
        // The first message carries a file too: it is mounted as soon as the session exists.
        ObjectNode first = harness.slack.shareFile(ALICE, "orders.csv", "text/csv", "id,item;1,apples".getBytes(StandardCharsets.UTF_8));
        String thread = harness.humanMessage(CHANNEL, null, ALICE, "<@" + BOT_USER + "> total these up");
        ObjectNode mention = harness.mentionEvent(CHANNEL, ALICE, thread, null, "total these up");
        mention.putArray("files").add(first);
        assertThat(harness.deliver(mention)).isEqualTo(200);
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread,
                "Read /mnt/session/uploads/slack/orders.csv = id,item;1,apples") == 1);

        // A reply with a file (subtype file_share), delivered twice as a Slack retry would.
        ObjectNode second = harness.slack.shareFile(BOB, "Q3 report (final).txt", "text/plain",
                "revenue up".getBytes(StandardCharsets.UTF_8));
        String reply = harness.humanMessage(CHANNEL, thread, BOB, "and this one");
        ObjectNode share = fileShare(harness, BOB, reply, thread, "and this one", second);
        String envelope = harness.envelope(share, harness.newEventId());
        assertThat(harness.deliver(envelope, java.util.Map.of())).isEqualTo(200);
        assertThat(harness.deliver(envelope, java.util.Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")))
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread,
                "Read /mnt/session/uploads/slack/Q3_report_final.txt = revenue up") == 1);

        // What the agent was told, and what went over the wire.
        assertThat(harness.agents.userMessages(session)).hasSize(2);
        assertThat(harness.agents.userMessages(session).get(1)).startsWith("Bob [U0BOB00001]: and this one")
                .contains("/mnt/session/uploads/slack/Q3_report_final.txt (Q3 report (final).txt, text/plain, 10 bytes)");
        FakeFilesApi files = harness.agents.files();
        assertThat(files.uploads().stream().filter(f -> f.filename().contains(second.path("id").asText()))).hasSize(1);
        assertThat(files.mounts(session)).extracting(FakeFilesApi.Mount::mountPath)
                .containsExactly("/slack/orders.csv", "/slack/Q3_report_final.txt");
        assertThat(harness.slack.sharedFiles().downloads()).filteredOn(d -> d.fileId().equals(second.path("id").asText()))
                .containsExactly(new SharedFiles.Download(second.path("id").asText(), true, 200));
        System.out.println("[FilesIT in] user messages: " + harness.agents.userMessages(session));
        System.out.println("[FilesIT in] files API requests: " + files.requests());
        System.out.println("[FilesIT in] Slack file downloads: " + harness.slack.sharedFiles().downloads());
        System.out.println("[FilesIT in] thread: " + harness.slack.visibleTextsInThread(CHANNEL, thread));
    }

    @Test
    void aFileTheAgentWritesToOutputsAppearsInTheThreadOnceNamedOnTheCard() throws Exception {
        FakeFilesApi files = harness.agents.files();
        harness.agents.script((session, text) -> {
            session.running();
            session.tool("bash", "{\"command\":\"make report\"}", "ok", false);
            if (text.contains("write the report")) {
                files.writeOutput(session.sessionId(), "summary.md", "text/markdown",
                        "# Summary\nAll good.".getBytes(StandardCharsets.UTF_8));
            } else {
                files.writeOutput(session.sessionId(), "followup.txt", "text/plain", "more".getBytes(StandardCharsets.UTF_8));
            }
            session.text("Done: " + text);
            session.usage(100, 10);
            session.idle("end_turn");
        });
        String thread = harness.startThread(ALICE, "write the report");
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> uploadsInThread(thread, "summary.md").size() == 1);
        assertThat(uploadsInThread(thread, "summary.md").getFirst().contentAsString()).isEqualTo("# Summary\nAll good.");
        await().atMost(WAIT).until(() -> harness.slack.visibleTextsInThread(CHANNEL, thread).stream()
                .anyMatch(t -> t.contains("Files from the agent") && t.contains("summary.md (19 bytes)")));

        // A second turn writes one more file: that one is posted, the first one not again. Outputs are taken
        // oldest first, so once the new one is in the thread, the old one's turn has passed.
        String reply = harness.humanMessage(CHANNEL, thread, ALICE, "thanks");
        assertThat(harness.deliver(harness.messageEvent(CHANNEL, "channel", ALICE, reply, thread, "thanks"))).isEqualTo(200);
        await().atMost(WAIT).until(() -> uploadsInThread(thread, "followup.txt").size() == 1);
        assertThat(uploadsInThread(thread, "summary.md")).hasSize(1);
        System.out.println("[FilesIT out] files API requests: " + files.requests().stream()
                .filter(r -> r.contains(session)).toList());
        System.out.println("[FilesIT out] Slack upload calls: " + harness.slack.ledger().all().stream()
                .filter(c -> c.method().startsWith("files.")).map(c -> c.method() + " " + withoutToken(c.params())).toList());
        System.out.println("[FilesIT out] thread: " + harness.slack.visibleTextsInThread(CHANNEL, thread));
    }

    @Test
    void aFileOverTheCapGetsAMessageNamingItAndTheLimitAndIsNotDownloaded() throws Exception {
        harness.agents.script(readsTheFilesItIsTold(harness.agents.files()));
        String thread = harness.startThread(ALICE, "look at the dump");
        String session = harness.sessionOf(thread);
        await().atMost(WAIT).until(() -> harness.agents.userMessages(session).size() == 1);
        ObjectNode big = harness.slack.shareFile(BOB, "heap.hprof", "application/octet-stream", new byte[2 * 1024 * 1024]);
        ObjectNode small = harness.slack.shareFile(BOB, "notes.txt", "text/plain", "see heap".getBytes(StandardCharsets.UTF_8));
        ObjectNode image = harness.slack.shareFile(BOB, "screenshot.png", "image/png", PNG);
        String reply = harness.humanMessage(CHANNEL, thread, BOB, "here it is");
        assertThat(harness.deliver(fileShare(harness, BOB, reply, thread, "here it is", big, small, image))).isEqualTo(200);

        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread,
                "heap.hprof` was not passed to the agent: it is 2 MB, over the limit of 1 MB per file") == 1);
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread,
                "Read /mnt/session/uploads/slack/notes.txt = see heap") == 1);
        assertThat(harness.agents.userMessages(session).get(1))
                .contains("heap.hprof: it is 2 MB, over the limit of 1 MB per file");
        // The image is a file at its path and an image block of the same message.
        await().atMost(WAIT).until(() -> harness.slack.countInThread(CHANNEL, thread,
                "Read /mnt/session/uploads/slack/screenshot.png = an image of " + PNG.length + " bytes") == 1);
        String imageUpload = harness.agents.files().uploads().stream()
                .filter(f -> f.filename().contains(image.path("id").asText())).findFirst().orElseThrow().id();
        com.fasterxml.jackson.databind.JsonNode sent = harness.agents.session(session).events().stream()
                .filter(e -> "user.message".equals(e.path("type").asText())).reduce((a, b) -> b).orElseThrow();
        com.fasterxml.jackson.databind.JsonNode block = java.util.stream.StreamSupport.stream(sent.path("content").spliterator(), false)
                .filter(b -> "image".equals(b.path("type").asText())).findFirst().orElseThrow();
        assertThat(block.path("type").asText()).isEqualTo("image");
        assertThat(block.path("source").path("type").asText()).isEqualTo("file");
        assertThat(block.path("source").path("file_id").asText()).isEqualTo(imageUpload);
        System.out.println("[FilesIT image] user.message content: " + sent.path("content"));
        assertThat(harness.slack.sharedFiles().downloads()).noneMatch(d -> d.fileId().equals(big.path("id").asText()));
        assertThat(harness.agents.files().uploads()).noneMatch(f -> f.filename().contains(big.path("id").asText()));
        System.out.println("[FilesIT too large] thread: " + harness.slack.visibleTextsInThread(CHANNEL, thread));
    }

    @Test
    void aCrashInTheMiddleOfAnUploadUploadsAndMountsTheFileOnce() throws Exception {
        try (Harness h = new Harness("files-crash")) {
            h.startApp();
            h.agents.script(readsTheFilesItIsTold(h.agents.files()));
            String thread = h.startThread(ALICE, "read what I send");
            String session = h.sessionOf(thread);
            await().atMost(WAIT).until(() -> h.agents.userMessages(session).size() == 1);

            h.agents.files().holdUploads(); // the upload is stored, its answer never reaches the app
            ObjectNode file = h.slack.shareFile(ALICE, "build.log", "text/plain", "BUILD FAILED at step 3".getBytes(StandardCharsets.UTF_8));
            String reply = h.humanMessage(CHANNEL, thread, ALICE, "why did it fail?");
            assertThat(h.deliver(fileShare(h, ALICE, reply, thread, "why did it fail?", file))).isEqualTo(200);
            await().atMost(WAIT).until(() -> h.agents.files().heldUploads() == 1);
            h.app.kill(); // kill -9 while the upload's answer is outstanding
            h.agents.files().releaseUploads();

            h.restartApp();
            await().atMost(WAIT).until(() -> h.slack.countInThread(CHANNEL, thread,
                    "Read /mnt/session/uploads/slack/build.log = BUILD FAILED at step 3") == 1);
            String fileId = file.path("id").asText();
            assertThat(h.agents.files().uploads()).filteredOn(f -> f.filename().contains(fileId)).hasSize(1);
            assertThat(h.agents.files().mounts(session)).filteredOn(m -> m.mountPath().equals("/slack/build.log")).hasSize(1);
            assertThat(h.agents.userMessages(session)).filteredOn(m -> m.contains("/mnt/session/uploads/slack/build.log")).hasSize(1);
            System.out.println("[FilesIT crash] files API requests: " + h.agents.files().requests());
            System.out.println("[FilesIT crash] Slack file downloads: " + h.slack.sharedFiles().downloads());
        }
    }

    private static List<UploadedFile> uploadsInThread(String thread, String filename) {
        return harness.slack.workspace().files().stream()
                .filter(f -> f.completed() && thread.equals(f.threadTs()) && filename.equals(f.filename())).toList();
    }

    private static java.util.Map<String, String> withoutToken(java.util.Map<String, String> params) {
        java.util.Map<String, String> copy = new java.util.TreeMap<>(params);
        copy.remove("token");
        return copy;
    }
}
