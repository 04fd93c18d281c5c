package dev.threadwork.bench;

import dev.threadwork.fakes.slack.SlackCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When each answer token first reached Slack, read incrementally from the fake's ledger (scanning
 * the whole ledger for each of thousands of answers on every poll would cost more than the app).
 */
final class ShownIndex {

    private final Pattern token;
    private final Map<String, Instant> firstShown = new ConcurrentHashMap<>();
    private int scanned;

    ShownIndex(Pattern token) {
        this.token = token;
    }

    /** Reads the calls that arrived since the last scan; returns how many tokens are shown so far. */
    int scan(List<SlackCall> ledger) {
        for (; scanned < ledger.size(); scanned++) {
            SlackCall call = ledger.get(scanned);
            if (!call.ok() || !(call.method().equals("chat.postMessage") || call.method().equals("chat.update"))) {
                continue;
            }
            for (String field : new String[] {call.text(), call.blocks(), call.markdownText()}) {
                if (field != null) {
                    Matcher m = token.matcher(field);
                    while (m.find()) {
                        firstShown.putIfAbsent(m.group(1), call.receivedAt());
                    }
                }
            }
        }
        return firstShown.size();
    }

    Instant shownAt(String tokenId) {
        return firstShown.get(tokenId);
    }
}
