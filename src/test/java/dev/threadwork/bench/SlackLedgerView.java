package dev.threadwork.bench;

import dev.threadwork.fakes.slack.SlackCall;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Questions the benchmarks ask of the fake Slack's ledger. */
final class SlackLedgerView {

    private SlackLedgerView() {
    }

    /** Whether a call put {@code fragment} on screen: a post or an edit whose text or blocks carry it. */
    static boolean shows(SlackCall call, String fragment) {
        if (!call.ok() || !(call.method().equals("chat.postMessage") || call.method().equals("chat.update"))) {
            return false;
        }
        return contains(call.text(), fragment) || contains(call.blocks(), fragment) || contains(call.markdownText(), fragment);
    }

    /** When Slack first received a call showing {@code fragment}. */
    static Optional<Instant> firstShown(List<SlackCall> calls, String fragment) {
        return calls.stream().filter(c -> shows(c, fragment)).map(SlackCall::receivedAt).findFirst();
    }

    private static boolean contains(String value, String fragment) {
        return value != null && value.contains(fragment);
    }
}
