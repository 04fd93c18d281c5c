package dev.threadwork.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One request to the API: the headers, the client-side rate limits, retries with backoff and
 * jitter that honour {@code retry-after}, and typed errors. A request that may already have been
 * processed is never repeated unless it is idempotent.
 */
final class ApiHttp {

    private static final Logger LOG = Logger.getLogger(ApiHttp.class.getName());
    static final String BETA = "managed-agents-2026-04-01";
    static final String VERSION = "2023-06-01";
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    /** Which organisation limit an operation counts against. */
    enum Limit { CREATE, READ }

    private final OkHttpClient http;
    private final AgentsClientSettings settings;
    private final RateLimiter creates;
    private final RateLimiter reads;
    private final ObjectMapper json;

    ApiHttp(OkHttpClient http, AgentsClientSettings settings, ObjectMapper json) {
        this.http = http;
        this.settings = settings;
        this.creates = new RateLimiter(settings.createsPerMinute());
        this.reads = new RateLimiter(settings.readsPerMinute());
        this.json = json;
    }

    HttpUrl url(String path, Map<String, String> query) {
        HttpUrl base = HttpUrl.get(settings.baseUrl().toString());
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                url.addPathSegment(segment);
            }
        }
        query.forEach(url::addQueryParameter);
        return url.build();
    }

    Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url)
                .header("x-api-key", settings.apiKey().reveal())
                .header("anthropic-version", VERSION)
                .header("anthropic-beta", BETA)
                .header("user-agent", "threadwork");
    }

    JsonNode get(String path, Map<String, String> query) {
        return execute(request(url(path, query)).get().build(), Limit.READ, true);
    }

    JsonNode post(String path, Object body, Limit limit, boolean idempotent) {
        try {
            RequestBody payload = RequestBody.create(json.writeValueAsBytes(body), JSON_TYPE);
            return execute(request(url(path, Map.of())).post(payload).build(), limit, idempotent);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode a request body", e);
        }
    }

    JsonNode delete(String path) {
        return execute(request(url(path, Map.of())).delete().build(), Limit.CREATE, true);
    }

    /** Waits for the rate limiter before a stream connection (which counts as a read). */
    void beforeStreamConnect() throws InterruptedException {
        reads.acquire();
    }

    private JsonNode execute(Request request, Limit limit, boolean idempotent) {
        AgentsApiException last = null;
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            try {
                (limit == Limit.CREATE ? creates : reads).acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentsApiException(0, null, "interrupted", null, false, e);
            }
            Duration wait;
            try (Response response = http.newCall(request).execute()) {
                if (response.isSuccessful()) {
                    ResponseBody body = response.body();
                    String text = body == null ? "" : body.string();
                    return text.isBlank() ? json.createObjectNode() : json.readTree(text);
                }
                last = error(response);
                if (!last.retryable() || !idempotent && last.maybeProcessed()) {
                    throw last;
                }
                wait = retryAfter(response).orElse(backoff(attempt));
            } catch (IOException e) {
                // Connection refused or unresolved host: the request never left. Anything else may have arrived.
                boolean sent = !(e instanceof ConnectException || e instanceof UnknownHostException
                        || e instanceof NoRouteToHostException);
                last = new AgentsApiException(0, null, e.getClass().getSimpleName(), null, sent, e);
                if (!idempotent && sent) {
                    throw last; // it may have arrived: the caller decides (the outbox checks the history)
                }
                wait = backoff(attempt);
            }
            if (attempt < settings.maxRetries()) {
                AgentsApiException reason = last;
                Duration pause = wait;
                LOG.log(Level.FINE, () -> request.method() + " " + request.url().encodedPath() + " failed (" + reason.getMessage()
                        + "); retrying in " + pause.toMillis() + " ms");
                try {
                    TimeUnit.MILLISECONDS.sleep(wait.toMillis()); // backoff between attempts
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw last;
                }
            }
        }
        throw last;
    }

    AgentsApiException error(Response response) {
        String type = null;
        String message = response.message();
        try {
            ResponseBody body = response.body();
            JsonNode node = body == null ? null : json.readTree(body.string());
            if (node != null && node.has("error")) {
                type = node.path("error").path("type").asText(null);
                message = node.path("error").path("message").asText(message);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: keep the status line
        }
        return new AgentsApiException(response.code(), type, message, response.header("request-id"), true, null);
    }

    private java.util.Optional<Duration> retryAfter(Response response) {
        String header = response.header("retry-after");
        if (header == null) {
            return java.util.Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(header.trim());
            return java.util.Optional.of(Duration.ofMillis((long) (Math.max(0, seconds) * 1000)));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    Duration backoff(int attempt) {
        long base = Math.min(settings.maxBackoff().toMillis(), 250L << Math.min(attempt, 10));
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble(); // 0.5x to 1.5x: no thundering herd
        return Duration.ofMillis((long) (base * jitter));
    }

    ObjectMapper json() {
        return json;
    }

    OkHttpClient http() {
        return http;
    }
}
