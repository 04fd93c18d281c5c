package dev.threadwork.bridge;

import dev.threadwork.agents.FileInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Files the agent wrote to {@code /mnt/session/outputs/}, into the thread: after each turn the
 * session's files are listed (Files API, {@code scope_id}), and each one not yet shared is downloaded
 * and uploaded to the thread, once (journal key per session and file), and named on the turn's card
 * with its size. A file over the output cap or Slack's limit gets a message instead.
 */
public final class OutputFiles {

    private static final Logger LOG = Logger.getLogger(OutputFiles.class.getName());
    public static final String OUTPUT_KIND = "file.output";

    private final SessionFiles files;
    private final EffectJournal journal;
    private final FileReporter reporter;
    private final FileLimits limits;
    private final ConcurrentHashMap<String, ReentrantLock> perSession = new ConcurrentHashMap<>();

    public OutputFiles(SessionFiles files, EffectJournal journal, FileReporter reporter, FileLimits limits) {
        this.files = files;
        this.journal = journal;
        this.reporter = reporter;
        this.limits = limits;
    }

    /** Shares the session's new output files in its thread. One session at a time, so nothing goes twice. */
    public void afterTurn(Binding binding) {
        String sessionId = binding.sessionId().orElse(null);
        if (sessionId == null) {
            return;
        }
        ReentrantLock lock = perSession.computeIfAbsent(sessionId, id -> new ReentrantLock());
        lock.lock();
        try {
            List<String> shared = new ArrayList<>();
            List<FileInfo> outputs = files.sessionFiles(sessionId).stream().filter(OutputFiles::isOutput)
                    .sorted(Comparator.comparing(FileInfo::id)).toList();
            for (FileInfo file : outputs) {
                try {
                    share(binding, sessionId, file).ifPresent(shared::add);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not share output file " + file.id() + " of " + sessionId + ": " + e.getMessage());
                }
            }
            if (!shared.isEmpty()) {
                reporter.outputsShared(binding, shared);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Outputs are the agent's downloadable files, not the copies of what we uploaded. */
    static boolean isOutput(FileInfo file) {
        return file.downloadable() && !file.filename().startsWith(InboundFiles.UPLOAD_NAME_PREFIX);
    }

    /** The card line for a file shared now; empty when it was shared (or refused) before. */
    private Optional<String> share(Binding binding, String sessionId, FileInfo file) {
        ThreadKey thread = binding.thread();
        String key = OUTPUT_KIND + ":" + sessionId + ":" + file.id();
        EffectJournal.Effect effect = journal.begin(key, EffectJournal.Kinds.SLACK_UPLOAD, Optional.of(thread),
                Optional.of(sessionId), 0);
        if (effect.done()) {
            return Optional.empty();
        }
        String name = displayName(file);
        if (effect.attempts() > 1 && reporter.threadHasFile(thread, name, file.sizeBytes())) {
            journal.done(key, "found in thread");
            return Optional.empty();
        }
        long cap = Math.min(limits.maxOutputBytes(), FileLimits.SLACK_MAX_UPLOAD_BYTES);
        if (file.sizeBytes() > cap) {
            reporter.notice(thread, key, "📎 The agent wrote " + InboundFiles.escape(name) + " ("
                    + FileLimits.describe(file.sizeBytes()) + "), which is over the limit of " + FileLimits.describe(cap)
                    + " for files posted here; it stays in the session (file id " + file.id() + ").");
            journal.done(key, "too large");
            return Optional.of(name + " (" + FileLimits.describe(file.sizeBytes()) + ", too large to post)");
        }
        byte[] content;
        try {
            content = files.download(file.id(), cap);
        } catch (RuntimeException e) {
            journal.abandon(key); // nothing reached Slack; the next turn tries again
            throw e;
        }
        try {
            reporter.upload(thread, name, content);
        } catch (RuntimeException e) {
            journal.unknown(key, e.getMessage());
            throw e;
        }
        journal.done(key, "uploaded");
        return Optional.of(name + " (" + FileLimits.describe(content.length) + ")");
    }

    /** The file's own name without any directory part; never empty. */
    static String displayName(FileInfo file) {
        String name = file.filename();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = slash >= 0 ? name.substring(slash + 1) : name;
        return name.isBlank() ? file.id() : name;
    }
}
