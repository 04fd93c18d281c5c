/**
 * Threadwork's client of the Claude Managed Agents API.
 *
 * <ul>
 *   <li>{@link dev.threadwork.agents.AgentsClient}: the facade (agents, environments, sessions, events, streams).</li>
 *   <li>{@link dev.threadwork.agents.AgentEvent} / {@link dev.threadwork.agents.OutboundEvent}: the event model;
 *       {@link dev.threadwork.agents.EventMapper} is the only place that reads event JSON.</li>
 *   <li>Streams ({@link dev.threadwork.agents.SessionStream}): every persisted event once, in order, across
 *       reconnects; resumable from a persisted last-seen id; a connection silent for longer than the idle timeout
 *       is replaced; they end on {@code session.status_terminated}, on 404 (deleted) or on {@code close()}.</li>
 *   <li>Retries: reads, updates, archive and delete retry every transient failure (network, 408, 409, 429, 5xx,
 *       529); creates (sessions, sent events) retry only when the server certainly did not process the request
 *       (connection never made; 429/503/529 answered). {@code retry-after} is honoured (capped).</li>
 *   <li>Rate limits: creates/min and reads/min on the client; stream connections and history pages are reads,
 *       updates/archive/delete/sends count as creates. Over the limit a caller waits; nothing fails.</li>
 *   <li>The API key is a {@link dev.threadwork.config.Secret}; it is redacted from any text the client passes on.</li>
 * </ul>
 */
package dev.threadwork.agents;
