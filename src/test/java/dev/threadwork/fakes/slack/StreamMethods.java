package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Native streaming: chat.startStream opens a reply in a thread, chat.appendStream appends markdown to it,
 * chat.stopStream finalises it (optionally with blocks). The workspace shows one message throughout.
 */
final class StreamMethods {

    private final FakeContext ctx;

    StreamMethods(FakeContext ctx) {
        this.ctx = ctx;
    }

    void registerInto(Map<String, SlackMethod> registry) {
        registry.put("chat.startStream", this::start);
        registry.put("chat.appendStream", this::append);
        registry.put("chat.stopStream", this::stop);
    }

    private SlackReply start(SlackRequest r) {
        if (!r.has("channel")) {
            return SlackReply.error("channel_not_found");
        }
        if (!r.has("thread_ts")) {
            return SlackReply.error("invalid_arguments");
        }
        Optional<SlackReply> tooLong = ctx.validator().checkText(r.param("markdown_text"), MessageValidator.MAX_STREAM_CHUNK);
        if (tooLong.isPresent()) {
            return tooLong.get();
        }
        String ts = ctx.clockTs().next();
        FakeMessage message = new FakeMessage(r.param("channel"), ts, r.param("thread_ts"), ctx.bot().botUserId(),
                ctx.bot().botId(), r.paramOr("markdown_text", ""), null, FakeMessage.StreamState.STREAMING, 0, List.of());
        ctx.workspace().putMessage(message);
        return SlackReply.created(SlackReply.okBody().put("channel", message.channel()).put("ts", ts), ts);
    }

    private SlackReply append(SlackRequest r) {
        // Check-then-append under the workspace lock, so a concurrent stop cannot slip in between.
        synchronized (ctx.workspace()) {
            return appendLocked(r);
        }
    }

    private SlackReply appendLocked(SlackRequest r) {
        Optional<SlackReply> problem = checkStreaming(r);
        if (problem.isPresent()) {
            return problem.get();
        }
        if (!r.has("markdown_text") && !r.has("chunks")) {
            return SlackReply.error("invalid_arguments");
        }
        Optional<SlackReply> tooLong = ctx.validator().checkText(r.param("markdown_text"), MessageValidator.MAX_STREAM_CHUNK);
        if (tooLong.isPresent()) {
            return tooLong.get();
        }
        FakeMessage updated = appendText(r);
        return SlackReply.ok(SlackReply.okBody().put("channel", updated.channel()).put("ts", updated.ts()));
    }

    private SlackReply stop(SlackRequest r) {
        synchronized (ctx.workspace()) {
            return stopLocked(r);
        }
    }

    private SlackReply stopLocked(SlackRequest r) {
        Optional<SlackReply> problem = checkStreaming(r)
                .or(() -> ctx.validator().checkText(r.param("markdown_text"), MessageValidator.MAX_STREAM_CHUNK))
                .or(() -> ctx.validator().checkBlocks(r.param("blocks"), MessageValidator.MAX_MESSAGE_BLOCKS));
        if (problem.isPresent()) {
            return problem.get();
        }
        appendText(r);
        FakeMessage stopped = ctx.workspace().updateMessage(r.param("channel"), r.param("ts"), m -> {
            FakeMessage withBlocks = r.has("blocks") ? m.withContent(m.text(), r.param("blocks")) : m;
            return withBlocks.withStreamState(FakeMessage.StreamState.STOPPED);
        }).orElseThrow();
        ObjectNode body = SlackReply.okBody().put("channel", stopped.channel()).put("ts", stopped.ts());
        body.set("message", ctx.messages().render(stopped));
        return SlackReply.ok(body);
    }

    private Optional<SlackReply> checkStreaming(SlackRequest r) {
        Optional<FakeMessage> message = ctx.workspace().message(r.paramOr("channel", ""), r.paramOr("ts", ""));
        if (message.isEmpty()) {
            return Optional.of(SlackReply.error("message_not_found"));
        }
        if (message.get().streamState() != FakeMessage.StreamState.STREAMING) {
            return Optional.of(SlackReply.error("message_not_in_streaming_state"));
        }
        return Optional.empty();
    }

    private FakeMessage appendText(SlackRequest r) {
        String chunk = r.paramOr("markdown_text", "");
        return ctx.workspace().updateMessage(r.param("channel"), r.param("ts"),
                m -> chunk.isEmpty() ? m : m.withContent(m.text() + chunk, m.blocksJson())).orElseThrow();
    }
}
