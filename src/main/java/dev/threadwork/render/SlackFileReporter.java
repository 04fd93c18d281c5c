package dev.threadwork.render;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.File;
import com.slack.api.model.Message;
import dev.threadwork.bridge.Binding;
import dev.threadwork.bridge.FileReporter;
import dev.threadwork.bridge.ThreadKey;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** The files work's way into threads: notices and uploads through the paced queue, card lines through the renderer. */
public final class SlackFileReporter implements FileReporter {

    private static final int MAX_PAGES = 20;

    private final SlackOutbound outbound;
    private final ThreadRenderer renderer;
    private final MethodsClient methods;

    public SlackFileReporter(SlackOutbound outbound, ThreadRenderer renderer, MethodsClient methods) {
        this.outbound = outbound;
        this.renderer = renderer;
        this.methods = methods;
    }

    @Override
    public void notice(ThreadKey thread, String text) {
        join(outbound.submit(new SlackCall.Post(thread.channelId(), thread.threadTs(), text, List.of(), Optional.empty())));
    }

    @Override
    public void upload(ThreadKey thread, String filename, byte[] content) {
        join(outbound.submit(new SlackCall.UploadBytes(thread.channelId(), thread.threadTs(), filename, content)));
    }

    @Override
    public boolean threadHasFile(ThreadKey thread, String filename, long sizeBytes) {
        String cursor = null;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                String next = cursor;
                ConversationsRepliesResponse response = methods.conversationsReplies(r -> r.channel(thread.channelId())
                        .ts(thread.threadTs()).limit(200).cursor(next));
                if (!response.isOk()) {
                    throw new IllegalStateException("conversations.replies: " + response.getError());
                }
                for (Message message : response.getMessages() == null ? List.<Message>of() : response.getMessages()) {
                    for (File file : message.getFiles() == null ? List.<File>of() : message.getFiles()) {
                        if (filename.equals(file.getName()) && file.getSize() != null && file.getSize() == sizeBytes) {
                            return true;
                        }
                    }
                }
                cursor = response.getResponseMetadata() == null ? null : response.getResponseMetadata().getNextCursor();
                if (cursor == null || cursor.isEmpty()) {
                    return false;
                }
            }
            return false;
        } catch (IOException | SlackApiException e) {
            throw new IllegalStateException("could not read the thread: " + e.getMessage(), e);
        }
    }

    @Override
    public void outputsShared(Binding binding, List<String> lines) {
        renderer.filesShared(binding, lines);
    }

    private static void join(java.util.concurrent.CompletableFuture<?> call) {
        try {
            call.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
