package dev.threadwork.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import org.junit.jupiter.api.Test;

/** Issue 14, item 8: five minutes either way, and only the exact signature. */
class SlackSignatureCheckTest {

    private static final String SECRET = "test-signing-secret";
    private final SlackSignatureCheck check = new SlackSignatureCheck(SECRET);
    private final SlackSignature.Generator slack = new SlackSignature.Generator(SECRET);

    @Test
    void acceptsASignatureWithinFiveMinutesEitherWay() {
        long now = 1_800_000_000_000L;
        for (long offset : new long[] {0, -299, 299}) {
            String ts = Long.toString(now / 1000 + offset);
            assertThat(check.valid(ts, "body", slack.generate(ts, "body"), now)).as("offset %d s", offset).isTrue();
        }
    }

    @Test
    void refusesTimestampsTooOldOrInTheFutureAndAnythingButTheExactSignature() {
        long now = 1_800_000_000_000L;
        String past = Long.toString(now / 1000 - 301);
        String future = Long.toString(now / 1000 + 301);
        String ts = Long.toString(now / 1000);
        assertThat(check.valid(past, "body", slack.generate(past, "body"), now)).isFalse();
        assertThat(check.valid(future, "body", slack.generate(future, "body"), now)).isFalse();
        // Bolt's own verifier accepts the future timestamp: the reason this check exists.
        assertThat(new SlackSignature.Verifier(slack).isValid(future, "body", slack.generate(future, "body"), now)).isTrue();

        String good = slack.generate(ts, "body");
        assertThat(check.valid(ts, "body2", good, now)).isFalse();
        assertThat(check.valid(ts, "body", good.substring(0, good.length() - 1), now)).isFalse();
        assertThat(check.valid(ts, "body", good.toUpperCase(), now)).isFalse();
        assertThat(check.valid("12ab", "body", good, now)).isFalse();
        assertThat(check.valid(null, "body", good, now)).isFalse();
        assertThat(check.valid(ts, "body", null, now)).isFalse();
    }
}
