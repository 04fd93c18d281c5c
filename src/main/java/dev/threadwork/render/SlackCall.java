package dev.threadwork.render;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Optional;

/** One Slack Web API call the renderer wants made. Calls of one channel are made in order. */
public sealed interface SlackCall {

    String channel();

    /** {@code chat.postMessage} in a thread; {@code dedupeKey} goes into the message metadata. */
    record Post(String channel, String threadTs, String text, List<LayoutBlock> blocks, Optional<String> dedupeKey)
            implements SlackCall {
    }

    /** {@code chat.update}; a newer update of the same message replaces one still queued. */
    record Update(String channel, String ts, String text, List<LayoutBlock> blocks) implements SlackCall {
    }

    /** {@code reactions.add} / {@code reactions.remove}; "already there" and "not there" count as done. */
    record React(String channel, String ts, String emoji, boolean add) implements SlackCall {
    }

    /** {@code chat.postEphemeral}: visible to one user only. */
    record Ephemeral(String channel, String user, Optional<String> threadTs, String text, List<LayoutBlock> blocks)
            implements SlackCall {
    }

    /** {@code assistant.threads.setStatus}; an empty status clears it. Best effort: not every surface has it. */
    record ThreadStatus(String channel, String threadTs, String status) implements SlackCall {
    }

    /** Uploads text as a file into the thread (for output too long for messages). */
    record Upload(String channel, String threadTs, String filename, String title, String content) implements SlackCall {
    }

    /** Uploads a file (any bytes) into the thread: {@code files.getUploadURLExternal} + {@code completeUploadExternal}. */
    record UploadBytes(String channel, String threadTs, String filename, byte[] content) implements SlackCall {
    }
}
