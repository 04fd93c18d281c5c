package dev.threadwork.render;

import com.slack.api.methods.AsyncMethodsClient;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Message;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Maps a {@link SlackCall} onto the Slack SDK's asynchronous client. */
final class SlackCalls {

    /** The metadata event type that marks the bot's own posts, so a restart can find them again. */
    static final String METADATA_EVENT_TYPE = "threadwork_render";

    private SlackCalls() {
    }

    static String method(SlackCall call) {
        return switch (call) {
            case SlackCall.Post p -> "chat.postMessage";
            case SlackCall.Update u -> "chat.update";
            case SlackCall.React r -> r.add() ? "reactions.add" : "reactions.remove";
            case SlackCall.Ephemeral e -> "chat.postEphemeral";
            case SlackCall.ThreadStatus s -> "assistant.threads.setStatus";
            case SlackCall.Upload u -> "files.uploadV2";
            case SlackCall.UploadBytes u -> "files.uploadV2";
        };
    }

    static CompletableFuture<Optional<String>> invoke(AsyncMethodsClient slack, SlackCall call) {
        CompletableFuture<? extends SlackApiTextResponse> response = switch (call) {
            case SlackCall.Post post -> slack.chatPostMessage(r -> {
                r.channel(post.channel()).threadTs(post.threadTs()).text(post.text()).unfurlLinks(false).unfurlMedia(false);
                if (!post.blocks().isEmpty()) {
                    r.blocks(post.blocks());
                }
                post.dedupeKey().ifPresent(key -> r.metadata(Message.Metadata.builder()
                        .eventType(METADATA_EVENT_TYPE).eventPayload(Map.of("key", key)).build()));
                return r;
            });
            case SlackCall.Update update -> slack.chatUpdate(r -> {
                r.channel(update.channel()).ts(update.ts()).text(update.text());
                // Text-only messages (answers) never had blocks: send none, so the text is what shows.
                return update.blocks().isEmpty() ? r : r.blocks(update.blocks());
            });
            case SlackCall.React react -> react.add()
                    ? slack.reactionsAdd(r -> r.channel(react.channel()).timestamp(react.ts()).name(react.emoji()))
                    : slack.reactionsRemove(r -> r.channel(react.channel()).timestamp(react.ts()).name(react.emoji()));
            case SlackCall.Ephemeral ephemeral -> slack.chatPostEphemeral(r -> {
                r.channel(ephemeral.channel()).user(ephemeral.user()).text(ephemeral.text());
                ephemeral.threadTs().ifPresent(r::threadTs);
                return ephemeral.blocks().isEmpty() ? r : r.blocks(ephemeral.blocks());
            });
            case SlackCall.ThreadStatus status -> slack.assistantThreadsSetStatus(r -> r
                    .channelId(status.channel()).threadTs(status.threadTs()).status(status.status()));
            case SlackCall.Upload upload -> slack.filesUploadV2(r -> r
                    .channel(upload.channel()).threadTs(upload.threadTs()).filename(upload.filename())
                    .title(upload.title()).content(upload.content()));
            case SlackCall.UploadBytes upload -> slack.filesUploadV2(r -> r
                    .channel(upload.channel()).threadTs(upload.threadTs()).filename(upload.filename())
                    .title(upload.filename()).fileData(upload.content()));
        };
        return response.thenApply(answer -> {
            if (!answer.isOk()) {
                throw new SlackOutbound.SlackCallFailed(method(call), answer.getError());
            }
            return SlackOutbound.tsOf(answer);
        });
    }
}
