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
 *   <li>Files ({@link dev.threadwork.agents.AgentsClient#uploadFile}, {@code listFiles}, {@code downloadFile},
 *       {@code addFileResource}, {@code listFileResources}) go through the SDK 3.13.0 calls
 *       {@code beta().files().upload/list/download} and {@code beta().sessions().resources().add/list}.</li>
 * </ul>
 *
 * <h2>Files API and session resources: confirmed and assumed (November 2026)</h2>
 * Confirmed (platform.claude.com docs "Adding files" / API reference "Add Session Resource", and {@code javap}
 * of the SDK 3.13.0 jar):
 * <ul>
 *   <li>Upload is {@code POST /v1/files}, {@code multipart/form-data} with one part {@code file} (filename and
 *       content type on the part); the answer is the file object {@code id, type:"file", filename, mime_type,
 *       size_bytes, created_at, downloadable}. The Files API needs {@code anthropic-beta: files-api-2025-04-14};
 *       the SDK's files calls do not add it, so each call adds it ({@link AgentsClient#FILES_BETA}).</li>
 *   <li>List is {@code GET /v1/files} with {@code scope_id} (a session id), {@code limit} and {@code page}
 *       ({@code FileListParams}); the file object then carries {@code scope:{id}}. Content is
 *       {@code GET /v1/files/{id}/content}.</li>
 *   <li>Mount at create: {@code resources:[{"type":"file","file_id":…,"mount_path":…}]}; while a session runs:
 *       {@code POST /v1/sessions/{id}/resources} with the same object; answer {@code {type:"file", id:"sesrsc_…",
 *       file_id, mount_path, created_at, updated_at}}; {@code GET} lists them, {@code DELETE …/resources/{rid}}
 *       removes one. {@code mount_path} defaults to {@code /mnt/session/uploads/<file_id>}; a mount path must not
 *       overlap an existing one. The agent reads a file mounted at {@code /data.csv} at
 *       {@code /mnt/session/uploads/data.csv}; mounting makes a session copy with a new file id.</li>
 *   <li>Files the agent writes to {@code /mnt/session/outputs/} are listed by {@code scope_id=<session>}.</li>
 *   <li>A {@code user.message} may carry image blocks whose source is an uploaded file
 *       ({@code BetaManagedAgentsImageBlock} with {@code BetaManagedAgentsFileImageSource}:
 *       {@code {"type":"image","source":{"type":"file","file_id":…}}}).</li>
 * </ul>
 * Assumed (not found in the documentation):
 * <ul>
 *   <li>The per-session file limit: the current "Adding files" page says 500, older copies of it said 100.
 *       Threadwork counts what it mounted and stops at 500.</li>
 *   <li>That files listed by {@code scope_id} include only outputs; in case the session copies of mounted files
 *       appear there too, only {@code downloadable} files that Threadwork did not upload itself are treated as
 *       outputs.</li>
 *   <li>That a relative {@code mount_path} (no leading {@code /mnt/}) is taken under {@code /mnt/session/uploads/},
 *       as the docs' {@code "/data.csv"} example shows; Threadwork always sends {@code /slack/<name>} and tells the
 *       agent {@code /mnt/session/uploads/slack/<name>}.</li>
 *   <li>The per-file upload limit of the Files API (500 MB per file in the Files API docs) also applies here.</li>
 *   <li>Image blocks follow the Messages API's vision limits (JPEG, PNG, GIF, WebP; 5 MB per image); larger or
 *       other images are only mounted as files.</li>
 * </ul>
 */
package dev.threadwork.agents;
