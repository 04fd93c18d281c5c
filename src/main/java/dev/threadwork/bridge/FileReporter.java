package dev.threadwork.bridge;

import java.util.List;

/** How the files work reaches a thread (implemented in {@code render}, over the paced Slack queue). */
public interface FileReporter {

    /**
     * Posts a message in the thread (a file not passed on, an output too large for Slack); {@code key} rides in
     * the message's metadata, so a retry after a lost answer finds it instead of posting it twice.
     */
    void notice(ThreadKey thread, String key, String text);

    /** Uploads a file into the thread; returns once Slack has it, throws when it refused. */
    void upload(ThreadKey thread, String filename, byte[] content);

    /** Whether the thread already shows a file of this name and size (resolving an upload a crash left uncertain). */
    boolean threadHasFile(ThreadKey thread, String filename, long sizeBytes);

    /** Names files the agent produced on the session's current activity card ("report.pdf (12.0 KB)"). */
    void outputsShared(Binding binding, List<String> lines);
}
