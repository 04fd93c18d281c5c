package dev.threadwork.fakes.agents;

import java.util.function.BiConsumer;

/** Ready-made agent behaviours for the fake. */
public final class Scripts {

    /** Answers every message with "Echo: <text>" in one turn, with tokens and a list cost. */
    public static final BiConsumer<SessionHandle, String> ECHO = (session, text) -> {
        session.running();
        session.text("Echo: " + text);
        session.usage(1_000, 100);
        session.sessionUsage(1_000, 100, "1"); // list cost in whole US cents, as the API reports it
        session.idle("end_turn");
    };

    /** Runs a tool, then answers: a turn with a card worth showing. */
    public static final BiConsumer<SessionHandle, String> TOOL_THEN_ANSWER = (session, text) -> {
        session.running();
        session.tool("bash", "{\"command\":\"mvn test\"}", "[INFO] BUILD SUCCESS\nTests run: 12, Failures: 0\nexit code: 0", false);
        session.text("All tests pass. **Done** with: " + text, 5);
        session.usage(2_000, 300);
        session.idle("end_turn");
    };

    /** Asks before running a command; continues once allowed. */
    public static final BiConsumer<SessionHandle, String> ASK_FIRST = (session, text) -> {
        session.running();
        session.askTool("bash", "{\"command\":\"rm -rf build\"}", () -> {
            session.text("Removed the build directory.");
            session.usage(500, 50);
            session.idle("end_turn");
        });
    };

    private Scripts() {
    }
}
