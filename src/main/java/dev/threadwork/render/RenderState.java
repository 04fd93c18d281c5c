package dev.threadwork.render;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What has been rendered of one session, persisted after every Slack call that changed the
 * thread, so a restart neither posts twice nor skips anything.
 *
 * @param lastEventId      the last event whose effects are in Slack
 * @param turnFirstEventId the first event of the turn on screen, to rebuild its card after a restart
 * @param answerTs         the message showing the answer being written, if any
 * @param cardTs           the turn's activity card
 * @param pendingPostKey   set while a post is under way: after a crash, the thread is searched for it
 * @param live             the session is running or waiting for someone: re-attach its stream at start-up
 */
public record RenderState(
        String sessionId,
        Optional<String> lastEventId,
        Optional<String> turnFirstEventId,
        Optional<String> answerTs,
        Optional<String> cardTs,
        Optional<String> pendingPostKey,
        String lastStatus,
        BigDecimal costUsd,
        long inputTokens,
        long outputTokens,
        boolean live) {

    public static RenderState fresh(String sessionId) {
        return new RenderState(sessionId, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "starting", BigDecimal.ZERO, 0, 0, true);
    }
}
