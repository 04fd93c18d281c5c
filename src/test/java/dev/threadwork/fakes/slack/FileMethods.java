package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The external upload flow: files.getUploadURLExternal hands out an upload URL on the fake itself, the
 * client POSTs the bytes there, files.completeUploadExternal shares the file (as a message in the
 * channel/thread, like Slack does).
 */
final class FileMethods {

    static final String UPLOAD_PATH = "/upload/";

    private final FakeContext ctx;

    FileMethods(FakeContext ctx) {
        this.ctx = ctx;
    }

    void registerInto(Map<String, SlackMethod> registry) {
        registry.put("files.getUploadURLExternal", this::getUploadUrl);
        registry.put("files.completeUploadExternal", this::complete);
        registry.put("files.info", this::info);
    }

    /** The SDK's filesUploadV2 calls this after completing (requestFileInfo defaults to true). */
    private SlackReply info(SlackRequest r) {
        Optional<UploadedFile> file = ctx.workspace().file(r.paramOr("file", ""));
        if (file.isEmpty() || !file.get().completed()) {
            return SlackReply.error("file_not_found");
        }
        ObjectNode body = SlackReply.okBody();
        describe(body.putObject("file"), file.get());
        body.putArray("comments");
        return SlackReply.ok(body);
    }

    private ObjectNode describe(ObjectNode node, UploadedFile f) {
        node.put("id", f.id()).put("name", f.filename()).put("title", f.title())
                .put("size", f.content() == null ? 0 : f.content().length).put("user", ctx.bot().botUserId())
                .put("created", 1_700_000_000L).put("timestamp", 1_700_000_000L)
                .put("mimetype", "text/plain").put("filetype", "text").put("pretty_type", "Plain Text")
                .put("is_external", false).put("is_public", false)
                .put("url_private", ctx.baseUrl().get() + "/files-pri/" + ctx.bot().teamId() + "-" + f.id() + "/" + f.filename());
        if (f.channel() != null) {
            node.putArray("channels").add(f.channel());
        }
        return node;
    }

    private SlackReply getUploadUrl(SlackRequest r) {
        if (!r.has("filename") || !r.has("length")) {
            return SlackReply.error("invalid_arguments");
        }
        int length;
        try {
            length = Integer.parseInt(r.param("length"));
        } catch (NumberFormatException e) {
            return SlackReply.error("invalid_arguments");
        }
        String id = ctx.newId('F');
        ctx.workspace().putFile(new UploadedFile(id, r.param("filename"), length, null, r.param("filename"), null, null, false));
        return SlackReply.ok(SlackReply.okBody().put("upload_url", ctx.baseUrl().get() + UPLOAD_PATH + id).put("file_id", id));
    }

    /** The raw upload POST; not a Web API method, so no token and a plain-text answer. */
    String receiveUpload(String fileId, byte[] content) {
        Optional<UploadedFile> file = ctx.workspace().file(fileId);
        if (file.isEmpty()) {
            return null;
        }
        ctx.workspace().putFile(file.get().withContent(content));
        return "OK - " + content.length;
    }

    private SlackReply complete(SlackRequest r) {
        JsonNode requested = ctx.messages().parseOrNull(r.param("files"));
        if (requested == null || !requested.isArray() || requested.isEmpty()) {
            return SlackReply.error("invalid_arguments");
        }
        List<UploadedFile> completed = new ArrayList<>();
        for (JsonNode entry : requested) {
            Optional<UploadedFile> file = ctx.workspace().file(entry.path("id").asText(""));
            if (file.isEmpty() || file.get().content() == null) {
                return SlackReply.error("file_not_found");
            }
            completed.add(file.get());
        }
        String channel = r.has("channel_id") ? r.param("channel_id") : r.param("channels");
        String threadTs = r.has("thread_ts") ? r.param("thread_ts") : null;
        ObjectNode body = SlackReply.okBody();
        ArrayNode files = body.putArray("files");
        for (int i = 0; i < completed.size(); i++) {
            UploadedFile f = completed.get(i);
            String title = requested.get(i).path("title").asText(f.filename());
            UploadedFile done = f.completedIn(title, channel, threadTs);
            ctx.workspace().putFile(done);
            describe(files.addObject(), done);
        }
        String producedTs = null;
        if (channel != null && !channel.isEmpty()) {
            producedTs = ctx.clockTs().next();
            ctx.workspace().putMessage(new FakeMessage(channel, producedTs, threadTs, ctx.bot().botUserId(),
                    ctx.bot().botId(), r.paramOr("initial_comment", ""), null, FakeMessage.StreamState.NOT_STREAMED, 0,
                    completed.stream().map(UploadedFile::id).toList()));
        }
        return new SlackReply(200, Map.of(), body, producedTs);
    }
}
