package dev.threadwork.web;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Slack's one request URL (Events API, slash commands, interactivity), handed to Bolt's
 * {@link App#run(Request)}, which verifies the signature and dispatches to our listeners.
 *
 * <p>Bolt's own Jakarta servlet adapter stopped at 1.47 while Bolt is at 1.51, so this is the same
 * small adapter against the current Bolt, plus a body-size cap and a 400 for what Bolt cannot parse.
 */
@WebServlet(urlPatterns = "/slack/events", asyncSupported = false)
public class SlackEventsServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(SlackEventsServlet.class.getName());
    /** Slack's payloads are far below this; anything larger is not from Slack. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** How much of an oversized body is read (and dropped) so that its sender can read the 413. */
    private static final long MAX_DRAIN_BYTES = 16L << 20;

    @Inject
    private ThreadworkLifecycle lifecycle;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = request.getContentLengthLong() > MAX_BODY_BYTES ? null : readCapped(request.getInputStream());
        if (body == null) {
            // Read what is left (up to a bound) without keeping it, so that the client gets to see the 413.
            drain(request.getInputStream());
            response.setHeader("Connection", "close");
            writePlain(response, 413, "Payload too large");
            return;
        }
        Threadwork threadwork = lifecycle.running();
        // Signature first, before anything reads the payload: an unsigned request is refused as such (401).
        if (!threadwork.signatureValid(request.getHeader("X-Slack-Request-Timestamp"),
                new String(body, StandardCharsets.UTF_8), request.getHeader("X-Slack-Signature"))) {
            writePlain(response, 401, "Invalid or missing Slack signature");
            return;
        }
        // A signed slash command or interaction is handled once: a replay of the same signed body
        // (possible for five minutes) is answered and dropped. Events are deduplicated by message.
        String contentType = request.getContentType();
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                && !threadwork.firstTime(new String(body, StandardCharsets.UTF_8))) {
            LOG.info("Ignored a replayed Slack request");
            writePlain(response, 200, "");
            return;
        }
        App app = threadwork.boltApp();
        Response slackResponse;
        try {
            SlackRequestParser parser = new SlackRequestParser(app.config());
            Request<?> slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(request.getRequestURI())
                    .queryString(QueryStringParser.toMap(request.getQueryString()))
                    .headers(new RequestHeaders(headers(request)))
                    .requestBody(new String(body, StandardCharsets.UTF_8))
                    .remoteAddress(request.getRemoteAddr())
                    .build());
            if (slackRequest == null) {
                writePlain(response, 400, "Unrecognised Slack payload");
                return;
            }
            slackResponse = app.run(slackRequest);
        } catch (Exception e) {
            // Malformed JSON, wrong field types and the like: the client's fault, never a 5xx.
            LOG.log(Level.INFO, "Rejected a malformed Slack request: {0} at {1}", new Object[] {e.getClass().getSimpleName(),
                    e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"});
            LOG.log(Level.FINE, "Malformed Slack request", e);
            writePlain(response, 400, "Malformed Slack payload");
            return;
        }
        write(response, slackResponse);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        long drained = 0;
        try {
            int read;
            while (drained < MAX_DRAIN_BYTES && (read = in.read(buffer)) != -1) {
                drained += read;
            }
        } catch (IOException e) {
            // the client gave up; nothing to answer
        }
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > MAX_BODY_BYTES) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static void write(HttpServletResponse response, Response slackResponse) throws IOException {
        // A 5xx here means we could not store the payload: Slack retries it, so nothing is lost.
        response.setStatus(slackResponse.getStatusCode());
        slackResponse.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (slackResponse.getContentType() != null) {
            response.setContentType(slackResponse.getContentType());
        }
        if (slackResponse.getBody() != null) {
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(slackResponse.getBody());
        }
    }

    private static void writePlain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message);
    }
}
