package dev.threadwork.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadwork.config.Secret;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /admin/health}: what keeps the bot from being ready, with the ids and error text the
 * public {@code /health} endpoints leave out. Only with {@code Authorization: Bearer
 * <THREADWORK_ADMIN_TOKEN>}; without a configured token it does not exist (404).
 */
@WebServlet(urlPatterns = "/admin/health")
public class AdminHealthServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private ThreadworkLifecycle lifecycle;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!lifecycle.started()) {
            write(response, 503, JSON.createObjectNode().put("status", "DOWN").put("reason", "starting"));
            return;
        }
        Threadwork threadwork = lifecycle.running();
        Optional<Secret> token = threadwork.adminToken();
        if (token.isEmpty()) {
            response.sendError(404);
            return;
        }
        if (!authorised(request.getHeader("Authorization"), token.get())) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"threadwork-admin\"");
            write(response, 401, JSON.createObjectNode().put("error", "admin token required"));
            return;
        }
        Threadwork.Readiness readiness = threadwork.readiness();
        ObjectNode body = JSON.createObjectNode().put("status", readiness.ready() ? "UP" : "DOWN");
        readiness.problems().forEach(body.putArray("problems")::add);
        Threadwork.Figures figures = threadwork.figures();
        body.putObject("figures").put("openStreams", figures.openStreams()).put("outboxBacklog", figures.outboxBacklog())
                .put("slackBacklog", figures.slackBacklog());
        write(response, readiness.ready() ? 200 : 503, body);
    }

    /** Constant-time comparison, so the answer time says nothing about how much of a guess was right. */
    static boolean authorised(String header, Secret token) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                token.reveal().getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(body.toString());
    }
}
