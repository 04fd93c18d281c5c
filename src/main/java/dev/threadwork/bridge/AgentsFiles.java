package dev.threadwork.bridge;

import dev.threadwork.agents.AgentsClient;
import dev.threadwork.agents.FileInfo;
import dev.threadwork.agents.FileResourceInfo;
import dev.threadwork.agents.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@link SessionFiles} on the {@link AgentsClient}, with the same failure translation as {@link AgentsGateway}. */
public final class AgentsFiles implements SessionFiles {

    /** Pages looked through when resolving an uncertain upload (newest files come first). */
    private static final int MAX_LOOKUP_PAGES = 20;
    private static final int MAX_PAGES = 100;

    private final AgentsClient client;

    public AgentsFiles(AgentsClient client) {
        this.client = client;
    }

    @Override
    public FileInfo upload(String filename, String mimeType, byte[] content) {
        return AgentsGateway.call(() -> client.uploadFile(filename, mimeType, content));
    }

    @Override
    public Optional<FileInfo> findUploaded(String filename) {
        return AgentsGateway.call(() -> all(page -> client.listFiles(Optional.empty(), page), MAX_LOOKUP_PAGES).stream()
                .filter(f -> f.filename().equals(filename)).findFirst());
    }

    @Override
    public FileResourceInfo mount(String sessionId, String fileId, String mountPath) {
        return AgentsGateway.call(() -> client.addFileResource(sessionId, fileId, mountPath));
    }

    @Override
    public List<FileResourceInfo> mounts(String sessionId) {
        return AgentsGateway.call(() -> all(page -> client.listFileResources(sessionId, page), MAX_PAGES));
    }

    @Override
    public List<FileInfo> sessionFiles(String sessionId) {
        return AgentsGateway.call(() -> all(page -> client.listFiles(Optional.of(sessionId), page), MAX_PAGES));
    }

    @Override
    public byte[] download(String fileId, long maxBytes) {
        return AgentsGateway.call(() -> client.downloadFile(fileId, maxBytes));
    }

    private static <T> List<T> all(Function<Optional<String>, Page<T>> fetch, int maxPages) {
        List<T> items = new ArrayList<>();
        Optional<String> page = Optional.empty();
        for (int i = 0; i < maxPages; i++) {
            Page<T> batch = fetch.apply(page);
            items.addAll(batch.data());
            page = batch.nextPage();
            if (page.isEmpty()) {
                break;
            }
        }
        return items;
    }
}
