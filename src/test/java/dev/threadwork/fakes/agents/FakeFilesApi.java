package dev.threadwork.fakes.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Files API and session file resources of the fake Managed Agents API, as documented (see the
 * {@code dev.threadwork.agents} package notes): {@code POST /v1/files} (multipart, part {@code file}),
 * {@code GET /v1/files} ({@code scope_id}, {@code limit}, {@code page}), {@code GET /v1/files/{id}},
 * {@code GET /v1/files/{id}/content} (downloadable files only), {@code DELETE /v1/files/{id}}; every files call
 * needs {@code anthropic-beta: files-api-2025-04-14}. {@code POST/GET /v1/sessions/{id}/resources} and
 * {@code DELETE …/resources/{rid}}: mount paths must not overlap, at most {@value #MAX_FILES_PER_SESSION} files
 * per session, and mounting makes a session copy of the file with a new id (scoped to the session, not
 * downloadable). What the agent wrote to {@code /mnt/session/outputs/} is added with {@link #writeOutput}.
 */
public final class FakeFilesApi {

    public static final String FILES_BETA = "files-api-2025-04-14";
    public static final int MAX_FILES_PER_SESSION = 500;
    private static final String UPLOADS_ROOT = "/mnt/session/uploads";
    private static final Pattern FILE_PATH = Pattern.compile("^/v1/files/([^/]+)(/content)?$");
    private static final Pattern RESOURCES_PATH = Pattern.compile("^/v1/sessions/([^/]+)/resources(?:/([^/]+))?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file held by the API. {@code scopeId} null: not scoped to a session. */
    public record StoredFile(String id, String filename, String mimeType, byte[] content, Instant createdAt, String scopeId,
                             boolean downloadable) {
    }

    /** A file mounted into a session. */
    public record Mount(String id, String sessionId, String fileId, String copyId, String mountPath) {
        /** Where the agent finds it: relative mount paths are under /mnt/session/uploads. */
        public String agentPath() {
            return mountPath.startsWith("/mnt/") ? mountPath : UPLOADS_ROOT + (mountPath.startsWith("/") ? "" : "/") + mountPath;
        }
    }

    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final Map<String, List<Mount>> mounts = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CountDownLatch holdUploads;
    private final AtomicInteger heldUploads = new AtomicInteger();

    boolean handles(String path) {
        return path.equals("/v1/files") || path.startsWith("/v1/files/") || RESOURCES_PATH.matcher(path).matches();
    }

    // ---- test controls and inspection --------------------------------------------------------

    /** Every files or resources request, as "METHOD /path?query", in arrival order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Files uploaded with POST /v1/files (not session copies, not outputs), oldest first. */
    public List<StoredFile> uploads() {
        return files.values().stream().filter(f -> f.scopeId() == null).sorted(Comparator.comparing(StoredFile::id)).toList();
    }

    public List<Mount> mounts(String sessionId) {
        return List.copyOf(mounts.getOrDefault(sessionId, List.of()));
    }

    /** What the agent reads at {@code agentPath} in the session, if a file is mounted there. */
    public Optional<byte[]> read(String sessionId, String agentPath) {
        return mounts(sessionId).stream().filter(m -> m.agentPath().equals(agentPath)).findFirst()
                .map(m -> files.get(m.copyId()).content());
    }

    /** The agent wrote {@code /mnt/session/outputs/<filename>}: a downloadable file scoped to the session. */
    public StoredFile writeOutput(String sessionId, String filename, String mimeType, byte[] content) {
        StoredFile file = new StoredFile(newFileId(), filename, mimeType, content, Instant.now(), sessionId, true);
        files.put(file.id(), file);
        return file;
    }

    /**
     * From now on an upload is stored, then its answer waits until {@link #releaseUploads()}: the client
     * cannot know whether it happened (the "crash mid-upload" case).
     */
    public void holdUploads() {
        holdUploads = new CountDownLatch(1);
    }

    public void releaseUploads() {
        CountDownLatch latch = holdUploads;
        holdUploads = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Uploads stored and now waiting for {@link #releaseUploads()}. */
    public int heldUploads() {
        return heldUploads.get();
    }

    // ---- HTTP --------------------------------------------------------------------------------

    void route(HttpExchange exchange, String method, String path, byte[] body, Predicate<String> sessionExists)
            throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        requests.add(method + " " + path + (rawQuery == null ? "" : "?" + rawQuery));
        Map<String, String> query = query(rawQuery);
        Matcher resources = RESOURCES_PATH.matcher(path);
        if (resources.matches()) {
            String sessionId = resources.group(1);
            if (!sessionExists.test(sessionId)) {
                error(exchange, 404, "not_found_error", "session not found");
                return;
            }
            switch (method + (resources.group(2) == null ? "" : " one")) {
                case "POST" -> addResource(exchange, sessionId, body);
                case "GET" -> listResources(exchange, sessionId);
                case "DELETE one" -> deleteResource(exchange, sessionId, resources.group(2));
                default -> error(exchange, 404, "not_found_error", "no route " + method + " " + path);
            }
            return;
        }
        String beta = String.join(",", exchange.getRequestHeaders().getOrDefault("anthropic-beta", List.of()));
        if (!beta.contains(FILES_BETA)) {
            error(exchange, 400, "invalid_request_error",
                    "The Files API is in beta: send the anthropic-beta header " + FILES_BETA);
            return;
        }
        if (path.equals("/v1/files")) {
            switch (method) {
                case "POST" -> upload(exchange, body);
                case "GET" -> listFiles(exchange, query);
                default -> error(exchange, 404, "not_found_error", "no route " + method + " " + path);
            }
            return;
        }
        Matcher one = FILE_PATH.matcher(path);
        StoredFile file = one.matches() ? files.get(one.group(1)) : null;
        if (file == null) {
            error(exchange, 404, "not_found_error", "file not found");
            return;
        }
        boolean content = one.group(2) != null;
        if (method.equals("GET") && content) {
            if (!file.downloadable()) {
                error(exchange, 400, "invalid_request_error", "File " + file.id() + " is not downloadable");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", file.mimeType());
            exchange.sendResponseHeaders(200, file.content().length == 0 ? -1 : file.content().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(file.content());
            }
        } else if (method.equals("GET")) {
            json(exchange, 200, fileJson(file));
        } else if (method.equals("DELETE") && !content) {
            files.remove(file.id());
            json(exchange, 200, JSON.createObjectNode().put("id", file.id()).put("type", "file_deleted"));
        } else {
            error(exchange, 404, "not_found_error", "no route " + method + " " + path);
        }
    }

    private void upload(HttpExchange exchange, byte[] body) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("content-type");
        Optional<Part> part = contentType == null ? Optional.empty() : Multipart.filePart(contentType, body);
        if (part.isEmpty()) {
            error(exchange, 400, "invalid_request_error", "expected multipart/form-data with a part named \"file\"");
            return;
        }
        StoredFile file = new StoredFile(newFileId(), part.get().filename(), part.get().contentType(), part.get().content(),
                Instant.now(), null, false);
        files.put(file.id(), file);
        CountDownLatch hold = holdUploads;
        if (hold != null) {
            heldUploads.incrementAndGet();
            try {
                hold.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                heldUploads.decrementAndGet();
            }
        }
        json(exchange, 200, fileJson(file));
    }

    private void listFiles(HttpExchange exchange, Map<String, String> query) throws IOException {
        String scope = query.get("scope_id");
        int limit = Math.max(1, Math.min(1000, Integer.parseInt(query.getOrDefault("limit", "20"))));
        int offset = Integer.parseInt(query.getOrDefault("page", "0"));
        List<StoredFile> matching = files.values().stream()
                .filter(f -> scope == null ? f.scopeId() == null : scope.equals(f.scopeId()))
                .sorted(Comparator.comparing(StoredFile::id).reversed()) // newest first
                .toList();
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode data = answer.putArray("data");
        matching.stream().skip(offset).limit(limit).forEach(f -> data.add(fileJson(f)));
        boolean more = offset + limit < matching.size();
        if (more) {
            answer.put("next_page", String.valueOf(offset + limit));
        } else {
            answer.putNull("next_page");
        }
        answer.put("has_more", more);
        json(exchange, 200, answer);
    }

    private synchronized void addResource(HttpExchange exchange, String sessionId, byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        if (!"file".equals(request.path("type").asText())) {
            error(exchange, 400, "invalid_request_error", "type: only \"file\" resources can be added to a running session");
            return;
        }
        StoredFile file = files.get(request.path("file_id").asText(""));
        if (file == null) {
            error(exchange, 404, "not_found_error", "file not found: " + request.path("file_id").asText(""));
            return;
        }
        String mountPath = request.hasNonNull("mount_path") ? request.get("mount_path").asText()
                : UPLOADS_ROOT + "/" + file.id();
        List<Mount> existing = mounts.computeIfAbsent(sessionId, id -> new CopyOnWriteArrayList<>());
        if (existing.size() >= MAX_FILES_PER_SESSION) {
            error(exchange, 400, "invalid_request_error", "a session can hold at most " + MAX_FILES_PER_SESSION + " files");
            return;
        }
        Mount probe = new Mount("", sessionId, file.id(), "", mountPath);
        for (Mount m : existing) {
            if (overlaps(m.agentPath(), probe.agentPath())) {
                error(exchange, 400, "invalid_request_error", "mount_path " + mountPath + " overlaps " + m.mountPath());
                return;
            }
        }
        StoredFile copy = new StoredFile(newFileId(), file.filename(), file.mimeType(), file.content(), Instant.now(), sessionId,
                false);
        files.put(copy.id(), copy);
        Mount mount = new Mount("sesrsc_" + ids.incrementAndGet(), sessionId, file.id(), copy.id(), mountPath);
        existing.add(mount);
        json(exchange, 200, resourceJson(mount));
    }

    private void listResources(HttpExchange exchange, String sessionId) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode data = answer.putArray("data");
        mounts(sessionId).forEach(m -> data.add(resourceJson(m)));
        answer.putNull("next_page");
        json(exchange, 200, answer);
    }

    private void deleteResource(HttpExchange exchange, String sessionId, String resourceId) throws IOException {
        List<Mount> existing = mounts.getOrDefault(sessionId, List.of());
        Optional<Mount> found = existing.stream().filter(m -> m.id().equals(resourceId)).findFirst();
        if (found.isEmpty()) {
            error(exchange, 404, "not_found_error", "resource not found");
            return;
        }
        existing.remove(found.get());
        json(exchange, 200, JSON.createObjectNode().put("id", resourceId).put("type", "session_resource_deleted"));
    }

    private static boolean overlaps(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    private String newFileId() {
        return String.format("file_%024d", ids.incrementAndGet());
    }

    private static ObjectNode fileJson(StoredFile f) {
        ObjectNode node = JSON.createObjectNode().put("id", f.id()).put("type", "file").put("filename", f.filename())
                .put("mime_type", f.mimeType()).put("size_bytes", f.content().length)
                .put("created_at", f.createdAt().toString()).put("downloadable", f.downloadable());
        if (f.scopeId() != null) {
            node.putObject("scope").put("type", "session").put("id", f.scopeId());
        }
        return node;
    }

    private static ObjectNode resourceJson(Mount m) {
        String now = Instant.now().toString();
        return JSON.createObjectNode().put("type", "file").put("id", m.id()).put("file_id", m.fileId())
                .put("mount_path", m.mountPath()).put("created_at", now).put("updated_at", now);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        json(exchange, status, body);
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("request-id", "req_files_" + System.nanoTime());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    /** One part of a multipart body. */
    record Part(String name, String filename, String contentType, byte[] content) {
    }

    /** Just enough multipart/form-data (RFC 7578) to take the {@code file} part of an upload, binary-safe. */
    static final class Multipart {
        static Optional<Part> filePart(String contentType, byte[] body) {
            Matcher boundary = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
            if (!contentType.toLowerCase().startsWith("multipart/form-data") || !boundary.find()) {
                return Optional.empty();
            }
            // ISO-8859-1 maps each byte to one char and back, so offsets are byte offsets.
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String delimiter = "--" + boundary.group(1);
            List<Part> parts = new ArrayList<>();
            int at = text.indexOf(delimiter);
            while (at >= 0) {
                int start = at + delimiter.length();
                if (text.startsWith("--", start)) {
                    break;
                }
                int headersEnd = text.indexOf("\r\n\r\n", start);
                int next = text.indexOf("\r\n" + delimiter, headersEnd + 4);
                if (headersEnd < 0 || next < 0) {
                    break;
                }
                String headers = text.substring(start, headersEnd);
                byte[] content = text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
                String name = param(headers, "name");
                String filename = param(headers, "filename");
                Matcher type = Pattern.compile("(?im)^content-type:\\s*(.+)$").matcher(headers);
                parts.add(new Part(name, filename, type.find() ? type.group(1).trim() : "application/octet-stream", content));
                at = next + 2;
            }
            return parts.stream().filter(p -> "file".equals(p.name()) && p.filename() != null).findFirst();
        }

        private static String param(String headers, String key) {
            Matcher m = Pattern.compile("(?i)[; ]" + key + "=\"([^\"]*)\"").matcher(headers);
            return m.find() ? new String(m.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8) : null;
        }
    }
}
