package dev.threadwork.bridge;

import dev.threadwork.agents.AgentEvent;
import dev.threadwork.agents.AgentsApiException;
import dev.threadwork.agents.AgentsClient;
import dev.threadwork.agents.OutboundEvent;
import dev.threadwork.agents.Page;
import dev.threadwork.agents.CreateSessionRequest;
import dev.threadwork.agents.UpdateSessionRequest;
import dev.threadwork.agents.SessionStream;
import dev.threadwork.agents.SessionStreamListener;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bridge's view of the Managed Agents API, on the {@link AgentsClient}: failures become
 * {@link SessionGateway.Unavailable} (nothing happened; try later) or {@link SessionGateway.Rejected}.
 */
public final class AgentsGateway implements SessionGateway {

    private static final int MAX_HISTORY_PAGES = 1_000;
    private static final java.time.Duration CONNECT_WAIT = java.time.Duration.ofSeconds(30);

    private final AgentsClient client;

    public AgentsGateway(AgentsClient client) {
        this.client = client;
    }

    @Override
    public String createSession(String agentId, String environmentId, String title, Map<String, String> metadata,
                                Optional<BigDecimal> budgetUsd) {
        return call(() -> client.createSession(new CreateSessionRequest(agentId, environmentId, title, metadata, budgetUsd)).id());
    }

    @Override
    public void send(String sessionId, OutboundEvent event) {
        call(() -> client.sendEvents(sessionId, List.of(event)));
    }

    @Override
    public int countMarked(String sessionId, String marker) {
        String block = "\"" + marker + "\""; // the marker is a text block of its own, quoted in the raw JSON
        return (int) history(sessionId).stream().filter(event -> event instanceof AgentEvent.UserEcho echo
                && "user.message".equals(echo.type()) && echo.rawJson().contains(block)).count();
    }

    @Override
    public Optional<String> findSessionByMetadata(String key, String value) {
        return call(() -> {
            Optional<String> page = Optional.empty();
            for (int i = 0; i < MAX_HISTORY_PAGES; i++) {
                Page<dev.threadwork.agents.SessionInfo> batch = client.listSessions(page);
                for (dev.threadwork.agents.SessionInfo session : batch.data()) {
                    if (value.equals(session.metadata().get(key))) {
                        return Optional.of(session.id());
                    }
                }
                page = batch.nextPage();
                if (page.isEmpty()) {
                    break;
                }
            }
            return Optional.<String>empty();
        });
    }

    @Override
    public String status(String sessionId) {
        return call(() -> client.retrieveSession(sessionId).status());
    }

    @Override
    public void archive(String sessionId) {
        call(() -> {
            client.archiveSession(sessionId);
            return null;
        });
    }

    @Override
    public void raiseBudget(String sessionId, BigDecimal budgetUsd) {
        call(() -> {
            client.updateSession(sessionId, UpdateSessionRequest.budget(budgetUsd));
            return null;
        });
    }

    @Override
    public List<AgentEvent> history(String sessionId) {
        return call(() -> {
            List<AgentEvent> events = new ArrayList<>();
            Optional<String> page = Optional.empty();
            for (int i = 0; i < MAX_HISTORY_PAGES; i++) {
                Page<AgentEvent> batch = client.listEvents(sessionId, page);
                events.addAll(batch.data());
                page = batch.nextPage();
                if (page.isEmpty()) {
                    break;
                }
            }
            return events;
        });
    }

    @Override
    public Optional<String> toolResultText(String sessionId, String toolUseId) {
        return history(sessionId).stream()
                .filter(e -> e instanceof AgentEvent.ToolResult r && r.toolUseId().equals(toolUseId))
                .map(e -> ((AgentEvent.ToolResult) e).text())
                .findFirst();
    }

    @Override
    public Optional<String> toolInputJson(String sessionId, String toolUseId) {
        return history(sessionId).stream()
                .filter(e -> e instanceof AgentEvent.ToolUse u && u.id().equals(toolUseId))
                .map(e -> ((AgentEvent.ToolUse) e).inputJson())
                .findFirst();
    }

    @Override
    public boolean agentExists(String agentId) {
        return exists(() -> client.retrieveAgent(agentId));
    }

    @Override
    public boolean environmentExists(String environmentId) {
        return exists(() -> client.retrieveEnvironment(environmentId));
    }

    @Override
    public AutoCloseable attach(String sessionId, Optional<String> lastSeenEventId, SessionStreamListener listener) {
        return call(() -> {
            SessionStream stream = client.openStream(sessionId, lastSeenEventId, true, listener);
            awaitConnected(stream);
            return stream;
        });
    }

    /**
     * Waits (bounded) until the stream's connection is up: events caused by a message sent before
     * that would otherwise arrive late, in one batch, from the history.
     */
    private static void awaitConnected(SessionStream stream) throws InterruptedException {
        long deadline = System.nanoTime() + CONNECT_WAIT.toNanos();
        while (!stream.isConnected()) {
            if (stream.isClosed()) {
                throw new Rejected("the session's event stream closed at once (session gone?)", true, null);
            }
            if (System.nanoTime() > deadline) {
                stream.close();
                throw new Unavailable("the session's event stream did not connect within " + CONNECT_WAIT.toSeconds() + " s", null);
            }
            Thread.sleep(10); // polling a flag the stream sets; a connect takes milliseconds on a healthy API
        }
    }

    private boolean exists(java.util.concurrent.Callable<?> lookup) {
        try {
            lookup.call();
            return true;
        } catch (AgentsApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw translate(e);
        } catch (Exception e) {
            throw new Unavailable("the agents API could not be reached", e);
        }
    }

    static <T> T call(java.util.concurrent.Callable<T> work) {
        try {
            return work.call();
        } catch (AgentsApiException e) {
            throw translate(e);
        } catch (Unavailable | Rejected e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a stop is under way: keep it visible to the caller's loop
            throw new Unavailable("interrupted while calling the agents API", e);
        } catch (RuntimeException e) {
            throw new Unavailable("the agents API could not be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (Exception e) {
            throw new Unavailable("the agents API could not be reached (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static RuntimeException translate(AgentsApiException e) {
        int status = e.status();
        if (status == 429 || status >= 500 || status == 0 || status == 408) {
            return new Unavailable("the agents API is unavailable (" + status + ")", e);
        }
        boolean gone = status == 404 || status == 410
                || (e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("terminated"))
                || (e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("archived"));
        return new Rejected(gone ? "the session has ended" : "the agents API refused: " + e.getMessage(), gone, e);
    }
}
