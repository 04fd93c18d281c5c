package dev.threadwork.bridge;

import java.time.Instant;

/** Control actions the thread's view must reflect (implemented by the renderer). */
public interface ControlEvents {

    /** A tool confirmation was answered from Slack: the card shows who answered and when. */
    void confirmationAnswered(Binding binding, String toolUseId, String userId, boolean allowed, Instant at);

    /** Someone stopped, ended or otherwise steered the session; the thread gets a short note. */
    void controlled(Binding binding, String userId, String what);
}
