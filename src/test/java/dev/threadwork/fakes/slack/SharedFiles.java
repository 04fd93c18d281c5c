package dev.threadwork.fakes.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Files people shared in Slack, served the way Slack serves them: {@code url_private} and
 * {@code url_private_download} answer the bytes only with {@code Authorization: Bearer <bot token>};
 * without it (or with another token) Slack answers 302 to its HTML login page, not an error.
 */
public final class SharedFiles {

    static final String PATH = "/files-pri/";
    static final String LOGIN_PATH = "/login";

    /** A file a person shared. */
    public record SharedFile(String id, String name, String mimeType, byte[] content, String user) {
    }

    /** One GET of a private file URL: with the bot's token or not, and what it got. */
    public record Download(String fileId, boolean authorised, int status) {
    }

    private final Map<String, SharedFile> files = new ConcurrentHashMap<>();
    private final List<Download> downloads = new CopyOnWriteArrayList<>();
    private final String token;
    private final String teamId;
    private final Supplier<String> baseUrl;
    private final ObjectMapper json;

    SharedFiles(String token, String teamId, Supplier<String> baseUrl, ObjectMapper json) {
        this.token = token;
        this.teamId = teamId;
        this.baseUrl = baseUrl;
        this.json = json;
    }

    /** Adds a file as if {@code user} had uploaded it; returns Slack's file object for an event payload. */
    ObjectNode share(String id, String user, String name, String mimeType, byte[] content) {
        files.put(id, new SharedFile(id, name, mimeType, content, user));
        return fileObject(id);
    }

    /** Slack's file object (as in a {@code file_share} message event) of a shared file. */
    public ObjectNode fileObject(String id) {
        SharedFile f = files.get(id);
        String base = baseUrl.get() + PATH + teamId + "-" + f.id();
        ObjectNode node = json.createObjectNode().put("id", f.id()).put("created", 1_700_000_000L)
                .put("timestamp", 1_700_000_000L).put("name", f.name()).put("title", f.name())
                .put("mimetype", f.mimeType()).put("filetype", extension(f.name())).put("pretty_type", extension(f.name()))
                .put("user", f.user()).put("mode", "hosted").put("editable", false).put("is_external", false)
                .put("external_type", "").put("is_public", false).put("public_url_shared", false)
                .put("size", f.content().length)
                .put("url_private", base + "/" + f.name())
                .put("url_private_download", base + "/download/" + f.name())
                .put("permalink", baseUrl.get() + "/files/" + f.user() + "/" + f.id() + "/" + f.name());
        return node;
    }

    public List<Download> downloads() {
        return List.copyOf(downloads);
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rest = exchange.getRequestURI().getPath().substring(PATH.length());
            int dash = rest.indexOf('-');
            int slash = rest.indexOf('/');
            String id = dash < 0 || slash < dash ? "" : rest.substring(dash + 1, slash);
            SharedFile file = files.get(id);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            boolean authorised = ("Bearer " + token).equals(auth);
            if (!authorised) {
                // What Slack does for a private file without a valid token: off to the login page.
                downloads.add(new Download(id, false, 302));
                exchange.getResponseHeaders().set("Location", baseUrl.get() + LOGIN_PATH + "?redir=" + exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (file == null) {
                downloads.add(new Download(id, true, 404));
                send(exchange, 404, "text/html; charset=utf-8", "<html><body>File not found</body></html>".getBytes(StandardCharsets.UTF_8));
                return;
            }
            downloads.add(new Download(id, true, 200));
            send(exchange, 200, file.mimeType(), file.content());
        }
    }

    static void serveLogin(HttpExchange exchange) throws IOException {
        try (exchange) {
            send(exchange, 200, "text/html; charset=utf-8",
                    "<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in to your workspace</body></html>"
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "binary" : name.substring(dot + 1);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
