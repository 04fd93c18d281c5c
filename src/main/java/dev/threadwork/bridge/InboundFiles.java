package dev.threadwork.bridge;

import dev.threadwork.agents.FileInfo;
import dev.threadwork.agents.FileResourceInfo;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Files shared in Slack, into the session: each file of a message is checked against the caps,
 * downloaded from Slack with the bot token, uploaded to the Files API and mounted into the session
 * under {@code /mnt/session/uploads/slack/<original name>}; the message the agent gets names the paths.
 *
 * <p>Every outside effect goes through the {@link EffectJournal}, keyed by session and Slack file, so a
 * crash at any point neither loses a file nor uploads or mounts it twice: an uncertain upload is looked up
 * by its unique Files API name, an uncertain mount by its file id among the session's resources.
 */
public final class InboundFiles implements MessageAttachments {

    private static final Logger LOG = Logger.getLogger(InboundFiles.class.getName());
    public static final String UPLOAD_KIND = "file.upload";
    public static final String MOUNT_KIND = "file.mount";
    public static final String NOTICE_KIND = "file.notice";
    /** Where mounted files appear for the agent; mount paths are relative to it. */
    public static final String UPLOADS_ROOT = "/mnt/session/uploads";
    private static final String MOUNT_DIR = "/slack/";
    /** Files API names of our uploads start with this, so they can be found again and told from outputs. */
    public static final String UPLOAD_NAME_PREFIX = "threadwork-";
    /** Image types the model takes as image content, and the API's size limit for an image. */
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    private static final long MAX_IMAGE_BLOCK_BYTES = 5L * 1024 * 1024;

    private final InboundFileStore store;
    private final SlackFileSource slack;
    private final SessionFiles files;
    private final EffectJournal journal;
    private final FileReporter reporter;
    private final FileLimits limits;

    public InboundFiles(InboundFileStore store, SlackFileSource slack, SessionFiles files, EffectJournal journal,
                        FileReporter reporter, FileLimits limits) {
        this.store = store;
        this.slack = slack;
        this.files = files;
        this.journal = journal;
        this.reporter = reporter;
        this.limits = limits;
    }

    @Override
    public String attach(InboundMessage message, Binding binding) {
        List<SlackMessage.SharedFile> shared = store.forMessage(message.dedupeKey());
        if (shared.isEmpty()) {
            return "";
        }
        String sessionId = binding.sessionId().orElseThrow();
        ThreadKey thread = message.thread();
        List<FileResourceInfo> mounted = files.mounts(sessionId);
        Set<String> takenPaths = new HashSet<>();
        mounted.forEach(r -> takenPaths.add(r.mountPath()));
        int sessionCount = mounted.size();
        long messageBytes = 0;
        List<String> paths = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (SlackMessage.SharedFile file : shared) {
            Optional<String> refusal = Optional.empty();
            if (file.urlPrivateDownload().isEmpty()) {
                refusal = Optional.of("Slack does not host it (an external or hidden file)");
            } else if (file.size() > limits.maxFileBytes()) {
                refusal = Optional.of("it is " + FileLimits.describe(file.size()) + ", over the limit of "
                        + FileLimits.describe(limits.maxFileBytes()) + " per file");
            } else if (messageBytes + file.size() > limits.maxMessageBytes()) {
                refusal = Optional.of("the files of one message may add up to " + FileLimits.describe(limits.maxMessageBytes())
                        + " at most");
            }
            Optional<String> done = journal.find(mountKey(sessionId, file)).filter(EffectJournal.Effect::done)
                    .flatMap(EffectJournal.Effect::result);
            if (refusal.isEmpty() && done.isEmpty() && sessionCount >= limits.maxFilesPerSession()) {
                refusal = Optional.of("this session already has " + sessionCount + " files, the most a session can hold");
            }
            if (refusal.isPresent()) {
                leftOut.add(name(file) + ": " + refusal.get());
                tellOnce(thread, message, file, "📎 " + escape(name(file)) + " was not passed to the agent: "
                        + refusal.get() + ".");
                continue;
            }
            messageBytes += file.size();
            try {
                String mountPath = done.orElseGet(() -> mount(thread, sessionId, file, takenPaths));
                takenPaths.add(mountPath);
                if (done.isEmpty()) {
                    sessionCount++;
                }
                paths.add(UPLOADS_ROOT + mountPath + " (" + name(file) + ", " + mime(file) + ", "
                        + FileLimits.describe(file.size()) + ")");
            } catch (SlackFileSource.DownloadFailed e) {
                if (!e.permanent()) {
                    throw new SessionGateway.Unavailable("the file " + name(file) + " could not be fetched from Slack now", e);
                }
                leftOut.add(name(file) + ": it could not be downloaded from Slack");
                tellOnce(thread, message, file, "📎 " + escape(name(file))
                        + " was not passed to the agent: Slack did not hand it over (" + e.getMessage() + ").");
            } catch (SessionGateway.Rejected e) {
                leftOut.add(name(file) + ": the agents API refused it");
                tellOnce(thread, message, file, "📎 " + escape(name(file))
                        + " was not passed to the agent: the agents API refused it (" + e.getMessage() + ").");
            }
        }
        StringBuilder text = new StringBuilder();
        if (!paths.isEmpty()) {
            text.append("\n\nFiles shared with this message, mounted read-only in your environment:");
            paths.forEach(p -> text.append("\n- ").append(p));
        }
        if (!leftOut.isEmpty()) {
            text.append("\n\nFiles shared with this message that were not passed on:");
            leftOut.forEach(p -> text.append("\n- ").append(p));
        }
        return text.toString();
    }

    @Override
    public List<String> imageFileIds(InboundMessage message, Binding binding) {
        Optional<String> sessionId = binding.sessionId();
        if (sessionId.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (SlackMessage.SharedFile file : store.forMessage(message.dedupeKey())) {
            if (!IMAGE_TYPES.contains(mime(file)) || file.size() > MAX_IMAGE_BLOCK_BYTES) {
                continue;
            }
            boolean mounted = journal.find(mountKey(sessionId.get(), file)).filter(EffectJournal.Effect::done).isPresent();
            journal.find(uploadKey(message.thread(), sessionId.get(), file)).filter(e -> mounted && e.done())
                    .flatMap(EffectJournal.Effect::result).ifPresent(ids::add);
        }
        return ids;
    }

    /** Uploads (once) and mounts (once) one file; returns its mount path. */
    private String mount(ThreadKey thread, String sessionId, SlackMessage.SharedFile file, Set<String> takenPaths) {
        String fileId = upload(thread, sessionId, file);
        String key = mountKey(sessionId, file);
        EffectJournal.Effect effect = journal.begin(key, MOUNT_KIND, Optional.of(thread), Optional.of(sessionId), 0);
        if (effect.done() && effect.result().isPresent()) {
            return effect.result().get();
        }
        if (effect.attempts() > 1) {
            // An earlier attempt may have mounted it: the session's resources say.
            Optional<FileResourceInfo> found = files.mounts(sessionId).stream()
                    .filter(r -> r.fileId().equals(fileId)).findFirst();
            if (found.isPresent()) {
                journal.done(key, found.get().mountPath());
                return found.get().mountPath();
            }
        }
        String path = mountPath(file, takenPaths);
        return journal.call(key, () -> {
            FileResourceInfo mounted = files.mount(sessionId, fileId, path);
            return mounted.mountPath() == null || mounted.mountPath().isBlank() ? path : mounted.mountPath();
        }, mountPath -> mountPath);
    }

    /** Downloads from Slack and uploads to the Files API, once per file and session; returns the file id. */
    private String upload(ThreadKey thread, String sessionId, SlackMessage.SharedFile file) {
        String key = uploadKey(thread, sessionId, file);
        String uploadName = UPLOAD_NAME_PREFIX + sessionId + "-" + file.id() + "-" + sanitise(name(file));
        EffectJournal.Effect effect = journal.begin(key, UPLOAD_KIND, Optional.of(thread), Optional.of(sessionId), 0);
        if (effect.done() && effect.result().isPresent()) {
            return effect.result().get();
        }
        if (effect.attempts() > 1) {
            Optional<FileInfo> found = files.findUploaded(uploadName);
            if (found.isPresent()) {
                LOG.info(() -> "Upload of Slack file " + file.id() + " for " + sessionId + " had happened; not repeated");
                journal.done(key, found.get().id());
                return found.get().id();
            }
        }
        byte[] content;
        try {
            content = slack.download(file, limits.maxFileBytes());
        } catch (RuntimeException e) {
            journal.abandon(key); // nothing reached the Files API
            throw e;
        }
        return journal.call(key, () -> files.upload(uploadName, mime(file), content), FileInfo::id).id();
    }

    private void tellOnce(ThreadKey thread, InboundMessage message, SlackMessage.SharedFile file, String text) {
        String key = NOTICE_KIND + ":" + message.dedupeKey() + ":" + file.id();
        EffectJournal.Effect effect = journal.begin(key, NOTICE_KIND, Optional.of(thread), Optional.empty(), 0);
        if (effect.attempts() > 1 || effect.done()) {
            return; // at most once: a notice lost to a crash is not worth a second one
        }
        reporter.notice(thread, key, text);
        journal.done(key, "posted");
    }

    /** A file name shown in mrkdwn, as code: Slack's three control characters escaped, no backticks to break out. */
    static String escape(String name) {
        return "`" + name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('`', '\'') + "`";
    }

    /** The file's name as Slack gave it, its id when it gave none. */
    static String name(SlackMessage.SharedFile file) {
        return file.name() == null || file.name().isBlank() ? file.id() : file.name();
    }

    static String mime(SlackMessage.SharedFile file) {
        return file.mimetype() == null || file.mimetype().isBlank() ? "application/octet-stream" : file.mimetype();
    }

    private static String uploadKey(ThreadKey thread, String sessionId, SlackMessage.SharedFile file) {
        return UPLOAD_KIND + ":" + thread.teamId() + ":" + thread.channelId() + ":" + file.id() + ":" + sessionId;
    }

    private static String mountKey(String sessionId, SlackMessage.SharedFile file) {
        return MOUNT_KIND + ":" + sessionId + ":" + file.id();
    }

    /** {@code /slack/<name>}, or {@code /slack/<stem>-<file id>.<ext>} when another file has that name already. */
    static String mountPath(SlackMessage.SharedFile file, Set<String> taken) {
        String name = sanitise(name(file));
        String path = MOUNT_DIR + name;
        if (!taken.contains(path)) {
            return path;
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return MOUNT_DIR + stem + "-" + sanitise(file.id()) + ext;
    }

    /**
     * The original name made safe as one path segment: no separators, no "..", no control or shell-special
     * characters, at most 120 characters; letters of any script stay.
     */
    static String sanitise(String name) {
        String n = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder();
        n.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || cp == '.' || cp == '-' || cp == '_' || cp == '+' || cp == '@' || cp == ',') {
                out.appendCodePoint(cp);
            } else if (Character.isWhitespace(cp) || cp == '/' || cp == '\\' || cp == ':') {
                out.append('_');
            }
        });
        String s = out.toString().replaceAll("\\.{2,}", ".").replaceAll("^[.\\-]+", "");
        if (s.length() > 120) {
            int dot = s.lastIndexOf('.');
            String ext = dot > 0 && s.length() - dot <= 10 ? s.substring(dot) : "";
            s = s.substring(0, 120 - ext.length()) + ext;
        }
        return s.isBlank() ? "file" : s;
    }
}
