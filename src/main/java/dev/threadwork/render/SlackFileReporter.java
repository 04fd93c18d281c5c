package dev.threadwork.render;

import dev.threadwork.bridge.Binding;
import dev.threadwork.bridge.FileReporter;
import dev.threadwork.bridge.ThreadKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** The files work's way into threads: notices and uploads through the paced queue, card lines through the renderer. */
public final class SlackFileReporter implements FileReporter {

    private final SlackOutbound outbound;
    private final ThreadRenderer renderer;
    private final ThreadSearch search;

    public SlackFileReporter(SlackOutbound outbound, ThreadRenderer renderer, ThreadSearch search) {
        this.outbound = outbound;
        this.renderer = renderer;
        this.search = search;
    }

    @Override
    public void notice(ThreadKey thread, String key, String text) {
        join(outbound.submit(new SlackCall.Post(thread.channelId(), thread.threadTs(), text, List.of(), Optional.of(key))));
    }

    @Override
    public void upload(ThreadKey thread, String filename, byte[] content) {
        join(outbound.submit(new SlackCall.UploadBytes(thread.channelId(), thread.threadTs(), filename, content)));
    }

    @Override
    public boolean threadHasFile(ThreadKey thread, String filename, long sizeBytes) {
        // Slack's file name is the key here; the bot posts an output name once per session (journal).
        return search.findFile(thread.channelId(), thread.threadTs(), filename).isPresent();
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
