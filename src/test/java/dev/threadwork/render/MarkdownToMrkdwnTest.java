package dev.threadwork.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownToMrkdwnTest {

    @Test
    void convertsEmphasisLinksHeadingsAndLists() {
        String markdown = String.join("\n",
                "# Result",
                "The build is **green** now, *finally* and ~~not~~ broken.",
                "- see [the PR](https://github.com/o/r/pull/1)",
                "1. first",
                "> quoted");

        assertThat(MarkdownToMrkdwn.convert(markdown)).isEqualTo(String.join("\n",
                "*Result*",
                "The build is *green* now, _finally_ and ~not~ broken.",
                "• see <https://github.com/o/r/pull/1|the PR>",
                "1. first",
                "> quoted"));
    }

    @Test
    void leavesCodeAloneButForSlacksEscapes() {
        String markdown = "Run `a **b** < c`:\n```java\nif (a < b && **c**) {}\n```";

        assertThat(MarkdownToMrkdwn.convert(markdown))
                .isEqualTo("Run `a **b** &lt; c`:\n```\nif (a &lt; b &amp;&amp; **c**) {}\n```");
    }

    @Test
    void tablesBecomeCodeBlocksAndUnclosedFencesAreClosed() {
        assertThat(MarkdownToMrkdwn.convert("| a | b |\n|---|---|\n| 1 | 2 |\nafter"))
                .isEqualTo("```\n| a | b |\n| 1 | 2 |\n```\nafter");
        assertThat(MarkdownToMrkdwn.convert("```\nunclosed")).isEqualTo("```\nunclosed\n```");
    }

    @Test
    void escapesPlainTextAndTheLinksItMakes() {
        // Slack reads &amp; in a link target as & (issue 14: escape &, <, >, | inside targets too).
        assertThat(MarkdownToMrkdwn.convert("x < y & [a&b](https://e.com/?q=1&r=2)"))
                .isEqualTo("x &lt; y &amp; <https://e.com/?q=1&amp;r=2|a&amp;b>");
    }

    @Test
    void neverThrowsOnOddInput() {
        for (String odd : new String[] {"**", "*", "[", "](", "```", "| |", "# ", "\u0000\u0007", "***x***", "_"}) {
            assertThat(MarkdownToMrkdwn.convert(odd)).isNotNull();
        }
    }

    // ---- issue 14: agent output is hostile -------------------------------------------------------

    @Test
    void linkTargetsOtherThanWebAndMailNeverBecomeSlackMarkup() {
        assertThat(MarkdownToMrkdwn.convert("[docs](!channel)")).isEqualTo("docs");
        assertThat(MarkdownToMrkdwn.convert("![x](!here)")).isEqualTo("x");
        assertThat(MarkdownToMrkdwn.convert("[boss](@U0BOSS0001) [chan](#C0GENERAL1) [js](javascript:alert)"))
                .doesNotContain("<").isEqualTo("boss chan js");
        assertThat(MarkdownToMrkdwn.convert("[team](!subteam^S0TEAM1)")).isEqualTo("team");
        assertThat(MarkdownToMrkdwn.convert("[mail](mailto:ops@example.com)")).isEqualTo("<mailto:ops@example.com|mail>");
    }

    @Test
    void aLinkTargetCannotCloseTheLinkOrAddALabel() {
        assertThat(MarkdownToMrkdwn.convert("[a](https://x/><!everyone)"))
                .isEqualTo("<https://x/%3E%3C!everyone|a>");
        assertThat(MarkdownToMrkdwn.convert("[ok](https://e.com/a?b=1&c=2|evil)"))
                .isEqualTo("<https://e.com/a?b=1&amp;c=2%7Cevil|ok>");
        assertThat(MarkdownToMrkdwn.convert("[<!here>](https://e.com)")).isEqualTo("<https://e.com|&lt;!here&gt;>");
    }

    @Test
    void rawMentionsAndBroadcastsInTextAreShownNotSent() {
        String out = MarkdownToMrkdwn.convert("<!channel> <!here|here> <@U0BOB00001> <#C0GENERAL1> <!subteam^S1|@devs>"
                + " **<!everyone>** # <!date^1|x>");
        assertThat(out).doesNotContain("<").contains("&lt;!channel&gt;").contains("&lt;@U0BOB00001&gt;");
        // Even characters the converter uses internally cannot be smuggled in to become brackets.
        assertThat(MarkdownToMrkdwn.convert("\uE000!channel\uE001 and [x](https://a\uE001)")).doesNotContain("<!");
    }
}
